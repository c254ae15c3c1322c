#!/usr/bin/env node
// Generates a synthetic research map with the shape of the shared corpus (llm-ai-safety-map), for
// the scaling benchmark: the same depth profile and fan-out, the same text lengths, papers.json on
// every inner node. Deterministic: the same size and seed give the same files.
//
//   node bench/generate-kb.mjs <nodes> <out-folder> [--seed N]
//
// The corpus's shape (measured on its 5,798 nodes): the root has 5 children; every node down to
// depth 3 has children, 75 % of depth 4, 16 % of depth 5, none at depth 6; an inner node has 4 to 6
// children (mean 5.2). A leaf has only a Mini Description (160 characters on average); an inner node
// also has a Description of about 1,660 characters in three paragraphs, an Order and a papers.json of
// about 7.6 papers (9.9 KB). A bigger map keeps all of that and widens the root: it gets 5 children
// per 5,798 nodes asked for, and more if their subtrees fall short, so the depth stays that of the
// corpus and the map has exactly the number of nodes asked for.
import * as fs from "node:fs";
import * as path from "node:path";

const corpusNodes = 5798;
const innerShareByDepth = [1, 1, 1, 1, 0.75, 0.16, 0];
const fanOutChoices = [4, 5, 5, 5, 6, 6];
const miniDescriptionLength = 160;
const descriptionParagraphLengths = [560, 550, 550];
const papersPerInnerNode = [6, 7, 7, 8, 8, 9];
const abstractLength = 900;
const summaryLength = 260;

const words = (
  "alignment safety model oversight reward learning agent policy robustness interpretability " +
  "governance evaluation training system risk control verification monitoring specification " +
  "behaviour capability deployment data feedback human values preference scalable adversarial " +
  "testing audit transparency coordination incentive mechanism representation circuit probe " +
  "benchmark failure mode detection mitigation framework protocol standard research method"
).split(" ");

function main(argv) {
  const seedIndex = argv.indexOf("--seed");
  const seed = seedIndex === -1 ? 1 : Number(argv[seedIndex + 1]);
  const positional =
    seedIndex === -1 ? argv : argv.filter((_, index) => index !== seedIndex && index !== seedIndex + 1);
  const [countText, outFolder] = positional;
  const count = Number(countText);
  if (!Number.isInteger(count) || count < 1 || !outFolder || !Number.isFinite(seed)) {
    console.error("usage: node bench/generate-kb.mjs <nodes> <out-folder> [--seed N]");
    return 2;
  }
  if (fs.existsSync(outFolder) && fs.readdirSync(outFolder).length > 0) {
    console.error(`generate-kb: ${outFolder} exists and is not empty`);
    return 2;
  }
  const started = Date.now();
  const written = generate(count, path.resolve(outFolder), seed);
  console.log(
    `generate-kb: ${written.nodes} nodes (${written.papers} papers.json) in ${outFolder} ` +
      `(${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
  return 0;
}

/** Lays the tree out breadth first, so that stopping at `count` nodes leaves every level but the last complete. */
function generate(count, outFolder, seed) {
  const random = mulberry32(seed);
  const rootName = "Synthetic_Map";
  const root = { name: rootName, folder: path.join(outFolder, rootName), depth: 0, children: [] };
  const queue = [root];
  const rootChildNames = new Set();
  const addChild = (parent, siblings) => {
    const name = uniqueName(random, siblings);
    const child = { name, folder: path.join(parent.folder, name), depth: parent.depth + 1, children: [] };
    parent.children.push(child);
    queue.push(child);
  };
  for (let index = 0; queue.length < count; index++) {
    // Every subtree is complete and the map is still short: one more child of the root, and its subtree.
    if (index === queue.length) addChild(root, rootChildNames);
    const node = queue[index];
    const isRoot = node.depth === 0;
    if (!isRoot && random() >= (innerShareByDepth[node.depth] ?? 0)) continue;
    const fanOut = isRoot ? Math.max(5, Math.round((5 * count) / corpusNodes)) : pick(random, fanOutChoices);
    const siblings = isRoot ? rootChildNames : new Set();
    for (let child = 0; child < fanOut && queue.length < count; child++) addChild(node, siblings);
  }
  fs.mkdirSync(outFolder, { recursive: true });
  fs.writeFileSync(
    path.join(outFolder, "meta.json"),
    JSON.stringify(
      { rootDir: rootName, title: "Synthetic Map", coverRootDescription: sentence(random, 400) },
      null,
      2,
    ) + "\n",
  );
  let papers = 0;
  for (const node of queue) {
    fs.mkdirSync(node.folder, { recursive: true });
    fs.writeFileSync(path.join(node.folder, `${node.name}.md`), nodeText(random, node));
    if (node.children.length > 0 && node.depth > 0) {
      fs.writeFileSync(path.join(node.folder, "papers.json"), papersText(random));
      papers++;
    }
  }
  return { nodes: queue.length, papers };
}

function nodeText(random, node) {
  const parts = [];
  if (node.depth > 0) parts.push("### Mini Description", sentence(random, miniDescriptionLength));
  if (node.children.length > 0) {
    parts.push("### Description", ...descriptionParagraphLengths.map((length) => sentence(random, length)));
    parts.push("### Order", node.children.map((child, index) => `${index + 1}. ${child.name}`).join("\n"));
  }
  return parts.join("\n\n") + "\n";
}

function papersText(random) {
  const papers = [];
  const total = pick(random, papersPerInnerNode);
  for (let index = 0; index < total; index++) {
    const year = 2015 + Math.floor(random() * 10);
    const month = String(1 + Math.floor(random() * 12)).padStart(2, "0");
    const day = String(1 + Math.floor(random() * 28)).padStart(2, "0");
    papers.push({
      title: titleCase(sentence(random, 70).replace(/\.$/, "")),
      abstract: sentence(random, abstractLength),
      published_date: `${year}-${month}-${day}`,
      citation_count: 1 + Math.floor(random() * 400),
      url: `https://example.org/papers/${Math.floor(random() * 1e9).toString(36)}`,
      summary: sentence(random, summaryLength),
    });
  }
  return JSON.stringify(papers, null, 2) + "\n";
}

/** Words up to about `length` characters, as one sentence. */
function sentence(random, length) {
  const chosen = [];
  let size = 0;
  while (size < length) {
    const word = pick(random, words);
    chosen.push(word);
    size += word.length + 1;
  }
  const text = chosen.join(" ");
  return text[0].toUpperCase() + text.slice(1) + ".";
}

function uniqueName(random, taken) {
  for (;;) {
    const parts = [pick(random, words), pick(random, words)];
    if (random() < 0.5) parts.push(pick(random, words));
    const name = parts.map((word) => word[0].toUpperCase() + word.slice(1)).join("_");
    if (!taken.has(name)) {
      taken.add(name);
      return name;
    }
  }
}

function titleCase(text) {
  return text.replace(/\b[a-z]/g, (letter) => letter.toUpperCase());
}

function pick(random, choices) {
  return choices[Math.floor(random() * choices.length)];
}

/** A small seeded generator (mulberry32): deterministic output without a dependency. */
function mulberry32(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

process.exitCode = main(process.argv.slice(2));
