// Tokenises .mdsl samples with VS Code's own TextMate engine (vscode-textmate + the Oniguruma WASM build)
// and checks the scopes of chosen tokens. Run: node test/grammar.test.js (exit code 1 on any failure).
'use strict';

const fs = require('fs');
const path = require('path');
const assert = require('assert');
const vsctm = require('vscode-textmate');
const oniguruma = require('vscode-oniguruma');

const root = path.resolve(__dirname, '..');
const zoo = path.resolve(root, '../../src/ModelDsl.Spec/Zoo');

async function loadGrammar() {
  const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm')).buffer;
  await oniguruma.loadWASM(wasm);
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scopeName) => {
      if (scopeName !== 'source.mdsl') return null;
      const file = path.join(root, 'syntaxes/mdsl.tmLanguage.json');
      return vsctm.parseRawGrammar(fs.readFileSync(file, 'utf8'), file);
    },
  });
  return registry.loadGrammar('source.mdsl');
}

/** Every token of every line: { line, text, scopes }. */
function tokenize(grammar, text) {
  const tokens = [];
  let state = vsctm.INITIAL;
  text.split(/\r?\n/).forEach((line, index) => {
    const result = grammar.tokenizeLine(line, state);
    for (const t of result.tokens) tokens.push({ line: index, text: line.substring(t.startIndex, t.endIndex), scopes: t.scopes });
    state = result.ruleStack;
  });
  return tokens;
}

let failures = 0;
let checks = 0;

/** Asserts the nth token (0-based) whose trimmed text is `text` (on `line` when given) carries `scope`. */
function expectScope(tokens, file, text, scope, { line, nth = 0 } = {}) {
  checks++;
  const matching = tokens.filter((t) => t.text.trim() === text && (line === undefined || t.line === line));
  const token = matching[nth];
  try {
    assert.ok(token, `no token '${text}'${line === undefined ? '' : ' on line ' + line} (occurrence ${nth})`);
    assert.ok(token.scopes.includes(scope), `'${text}' on line ${token.line} has scopes ${token.scopes.join(' ')}, expected ${scope}`);
  } catch (e) {
    failures++;
    console.error(`FAIL ${file}: ${e.message}`);
  }
}

async function main() {
  const grammar = await loadGrammar();

  const mnistFile = 'MnistConvNet.mdsl';
  const mnist = tokenize(grammar, fs.readFileSync(path.join(zoo, mnistFile), 'utf8'));
  expectScope(mnist, mnistFile, '# The seed convnet (Chollet, "Deep Learning with Python" 5.1): 93,322 parameters,', 'comment.line.number-sign.mdsl', { line: 0 });
  expectScope(mnist, mnistFile, 'model', 'storage.type.model.mdsl');
  expectScope(mnist, mnistFile, 'MnistConvNet', 'entity.name.type.model.mdsl');
  expectScope(mnist, mnistFile, 'input', 'variable.parameter.mdsl');
  expectScope(mnist, mnistFile, '1x28x28', 'constant.numeric.dims.mdsl');
  expectScope(mnist, mnistFile, 'true', 'constant.language.boolean.mdsl');
  expectScope(mnist, mnistFile, 'conv2d', 'support.function.layer.mdsl');
  expectScope(mnist, mnistFile, '32', 'constant.numeric.integer.mdsl');
  expectScope(mnist, mnistFile, '>', 'keyword.operator.sequence.mdsl');
  expectScope(mnist, mnistFile, 'maxpool2d', 'support.function.layer.mdsl');
  expectScope(mnist, mnistFile, 'if', 'keyword.control.mdsl');
  expectScope(mnist, mnistFile, 'include_top', 'variable.parameter.mdsl', { nth: 0 }); // declared
  expectScope(mnist, mnistFile, 'include_top', 'variable.other.mdsl', { nth: 1 }); // used
  expectScope(mnist, mnistFile, 'flatten', 'support.function.layer.mdsl');
  expectScope(mnist, mnistFile, 'classes', 'variable.other.mdsl', { nth: 1 });
  expectScope(mnist, mnistFile, '{', 'punctuation.section.block.mdsl');

  const resnetFile = 'ResNet50.mdsl';
  const resnet = tokenize(grammar, fs.readFileSync(path.join(zoo, resnetFile), 'utf8'));
  expectScope(resnet, resnetFile, 'block', 'storage.type.block.mdsl');
  expectScope(resnet, resnetFile, 'Bottleneck', 'entity.name.function.block.mdsl', { nth: 0 });
  expectScope(resnet, resnetFile, '0.00001001', 'constant.numeric.float.mdsl');
  expectScope(resnet, resnetFile, 'fork', 'keyword.control.mdsl');
  expectScope(resnet, resnetFile, 'add', 'support.function.layer.mdsl');
  expectScope(resnet, resnetFile, 'conv1', 'entity.name.tag.label.mdsl');
  expectScope(resnet, resnetFile, ':', 'punctuation.separator.label.mdsl');
  expectScope(resnet, resnetFile, 'stride', 'variable.parameter.mdsl', { nth: 1 });
  expectScope(resnet, resnetFile, 'same', 'constant.language.option.mdsl');
  expectScope(resnet, resnetFile, 'downsample', 'entity.name.tag.label.mdsl');
  expectScope(resnet, resnetFile, 'layer1', 'entity.name.tag.label.mdsl');
  expectScope(resnet, resnetFile, 'repeat', 'keyword.control.mdsl');
  expectScope(resnet, resnetFile, 'Bottleneck', 'entity.name.function.block.mdsl', { nth: 1 }); // a call
  expectScope(resnet, resnetFile, 'globalavgpool2d', 'support.function.layer.mdsl');
  expectScope(resnet, resnetFile, '*', 'keyword.operator.arithmetic.mdsl');

  // Constructs the zoo files above do not use.
  const sampleFile = 'inline sample';
  const sample = tokenize(grammar, [
    'defaults batchnorm(eps=0.00001)  // file-wide',
    'macro Stage(n) { repeat i in 1..n { "stage{i + 1}": { conv2d(8, 3, name="conv" + i) } } }',
    'model M(input = 3x8x8) { Stage(2) ; if len([1, 2]) >= 2 and not false { relu } }',
  ].join('\n'));
  expectScope(sample, sampleFile, 'defaults', 'storage.modifier.defaults.mdsl');
  expectScope(sample, sampleFile, '// file-wide', 'comment.line.double-slash.mdsl');
  expectScope(sample, sampleFile, 'macro', 'storage.type.macro.mdsl');
  expectScope(sample, sampleFile, 'Stage', 'entity.name.function.block.mdsl');
  expectScope(sample, sampleFile, '..', 'keyword.operator.range.mdsl');
  expectScope(sample, sampleFile, 'stage', 'entity.name.tag.label.mdsl');
  expectScope(sample, sampleFile, '{', 'punctuation.section.interpolation.begin.mdsl', { line: 1, nth: 2 });
  expectScope(sample, sampleFile, 'i', 'meta.interpolation.mdsl', { line: 1, nth: 1 });
  expectScope(sample, sampleFile, 'conv', 'string.quoted.double.mdsl');
  expectScope(sample, sampleFile, 'name', 'variable.parameter.mdsl');
  expectScope(sample, sampleFile, 'len', 'support.function.builtin.mdsl');
  expectScope(sample, sampleFile, '>=', 'keyword.operator.comparison.mdsl');
  expectScope(sample, sampleFile, 'and', 'keyword.operator.logical.mdsl');
  expectScope(sample, sampleFile, ';', 'punctuation.terminator.statement.mdsl');

  if (failures > 0) {
    console.error(`${failures} of ${checks} scope checks failed`);
    process.exit(1);
  }
  console.log(`grammar: ${checks} scope checks passed`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
