// Newsroom's own lint rules: the rooms of STYLE.md as an allow-list (VS Code's local/code-layering
// in .eslint-plugin-local/code-layering.ts does the same for its layers), and imports first.
import path from 'node:path';
import { folderAllowed, packageAllowed, roomOf, ROOMS } from './rooms.js';

const root = path.resolve(import.meta.dirname, '..');
const relative = (file) => path.relative(root, file).split(path.sep).join('/');

const codeLayering = {
  meta: { type: 'problem', docs: { description: 'Each room imports only the folders and packages STYLE.md allows it' }, schema: [] },
  create(context) {
    const file = relative(context.filename);
    const room = roomOf(file);
    if (room === null) return {};
    const check = (node, specifier) => {
      if (typeof specifier !== 'string') return;
      if (specifier.startsWith('.')) {
        const target = relative(path.resolve(path.dirname(context.filename), specifier)).replace(/\.js$/, '.ts');
        if (!folderAllowed(room, target)) {
          context.report({ node, message: `${file} (room ${room}) may not import ${target}: ${ROOMS[room].why}` });
        }
      } else if (!packageAllowed(room, specifier)) {
        context.report({ node, message: `${file} (room ${room}) may not import the package "${specifier}": ${ROOMS[room].why}` });
      }
    };
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
    };
  },
};

const importsFirst = {
  meta: { type: 'suggestion', docs: { description: 'Imports come before any other statement' }, schema: [] },
  create(context) {
    return {
      Program(program) {
        let seenOther = false;
        for (const statement of program.body) {
          if (statement.type === 'ImportDeclaration') {
            if (seenOther) context.report({ node: statement, message: 'Imports come first: move this import above the code' });
          } else {
            seenOther = true;
          }
        }
      },
    };
  },
};

export default { rules: { 'code-layering': codeLayering, 'imports-first': importsFirst } };
