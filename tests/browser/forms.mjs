// Fills in kintsugi's PDF forms with pdf.js's form layer (as Firefox and
// many web viewers do), saves them, and reads the values back from the saved
// files: every text field gets words, every box a tick, every scale a choice.
//
//   node tests/browser/forms.mjs OUT_DIR FILE.pdf [FILE.pdf ...]
//
// Writes each filled file to OUT_DIR (to print or look at) and exits
// non-zero when a file has no fields or a value does not come back.
import { readFile, writeFile, mkdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

const [outDir, ...files] = process.argv.slice(2);
if (!outDir || files.length === 0) {
  console.error("usage: node forms.mjs OUT_DIR FILE.pdf [FILE.pdf ...]");
  process.exit(2);
}
await mkdir(outDir, { recursive: true });

// Where pdf.js finds the standard 14 fonts (Helvetica for typed text).
const standardFontDataUrl =
  fileURLToPath(new URL("./node_modules/pdfjs-dist/standard_fonts/", import.meta.url));

async function open(data) {
  // Errors only: on Node, pdf.js warns once per text field that it has no OffscreenCanvas.
  return getDocument({ data, isEvalSupported: false, useSystemFonts: false, standardFontDataUrl, verbosity: 0 })
    .promise;
}

/** Every field's widgets by full name, with their type and export values. */
async function fields(doc) {
  const objects = (await doc.getFieldObjects()) ?? {};
  return objects;
}

let failures = 0;
for (const file of files) {
  const doc = await open(new Uint8Array(await readFile(file)));
  const before = await fields(doc);
  const names = Object.keys(before).filter((n) => before[n].some((w) => w.type));
  if (names.length === 0) {
    console.error(`${file}: no form fields`);
    failures++;
    continue;
  }
  // What each field should read after saving.
  const expected = new Map();
  const counts = { text: 0, checkbox: 0, radiobutton: 0 };
  for (const [name, all] of Object.entries(before)) {
    // A group's entry lists the group itself (no type) before its buttons;
    // the parts of a name (`week-3`, `week-3.tracker`) have no widgets.
    const widgets = all.filter((w) => w.type);
    if (widgets.length === 0) continue;
    const first = widgets[0];
    counts[first.type] = (counts[first.type] ?? 0) + 1;
    if (first.type === "text") {
      const words = first.multiline ? `First line for ${name}\nsecond line` : `Ok ${name.length}`;
      doc.annotationStorage.setValue(first.id, { value: words });
      expected.set(name, words);
    } else if (first.type === "checkbox") {
      doc.annotationStorage.setValue(first.id, { value: true });
      expected.set(name, first.exportValues);
    } else if (first.type === "radiobutton") {
      // The last choice of the scale.
      const last = widgets[widgets.length - 1];
      doc.annotationStorage.setValue(last.id, { value: true });
      expected.set(name, last.exportValues);
    }
  }
  const saved = await doc.saveDocument();
  const out = path.join(outDir, path.basename(file, ".pdf") + ".filled.pdf");
  await writeFile(out, saved);
  const again = await fields(await open(saved));
  let wrong = 0;
  for (const [name, want] of expected) {
    const got = (again[name] ?? [])
      .filter((w) => w.type)
      .map((w) => w.value)
      .find((v) => v !== undefined && v !== "Off") ?? again[name]?.find((w) => w.type)?.value;
    if (got !== want) {
      if (wrong < 5) console.error(`${file}: ${name} reads ${JSON.stringify(got)}, not ${JSON.stringify(want)}`);
      wrong++;
    }
  }
  if (wrong > 0) failures++;
  console.log(
    `${path.basename(file)}: ${names.length} fields (${counts.text} text, ${counts.checkbox} boxes, ` +
      `${counts.radiobutton} scales) filled, saved to ${out}, ${expected.size - wrong} read back`,
  );
}
process.exit(failures ? 1 : 0);
