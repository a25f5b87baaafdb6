/**
 * ESLint rule `loopmap/no-literal-ui-text`: a component renders no user-facing words of its own.
 * Text between JSX tags, string literals in braces, and the attributes people read or hear
 * (aria-label, title, placeholder, alt, label…) must come from the catalogue through `t()`
 * (shared/src/i18n/locales). Text with no letters (×, ·, 12, →) is allowed.
 */
const READ_ATTRIBUTES = new Set([
  'aria-label',
  'aria-description',
  'aria-placeholder',
  'aria-roledescription',
  'aria-valuetext',
  'title',
  'placeholder',
  'alt',
  'label',
]);

const HAS_LETTERS = /\p{L}/u;

function literalText(node) {
  if (!node) return null;
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node.type === 'TemplateLiteral') return node.quasis.map((q) => q.value.cooked ?? '').join(' ');
  if (node.type === 'ConditionalExpression') return literalText(node.consequent) ?? literalText(node.alternate);
  if (node.type === 'LogicalExpression') return literalText(node.right);
  return null;
}

const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'user-facing text in JSX comes from the i18n catalogue' },
    messages: {
      text: 'Literal text "{{text}}" in a component: put it in the catalogue and render t(…).',
      attribute: 'Literal {{name}}="{{text}}": put it in the catalogue and use t(…).',
    },
    schema: [],
  },
  create(context) {
    const report = (node, messageId, text, name) =>
      context.report({ node, messageId, data: { text: text.trim().slice(0, 40), name } });
    return {
      JSXText(node) {
        if (HAS_LETTERS.test(node.value)) report(node, 'text', node.value);
      },
      JSXExpressionContainer(node) {
        if (node.parent?.type !== 'JSXElement' && node.parent?.type !== 'JSXFragment') return;
        const text = literalText(node.expression);
        if (text && HAS_LETTERS.test(text)) report(node, 'text', text);
      },
      JSXAttribute(node) {
        const name = node.name.type === 'JSXIdentifier' ? node.name.name : null;
        if (!name || !READ_ATTRIBUTES.has(name) || !node.value) return;
        const value = node.value.type === 'JSXExpressionContainer' ? node.value.expression : node.value;
        const text = literalText(value);
        if (text && HAS_LETTERS.test(text)) report(node, 'attribute', text, name);
      },
    };
  },
};

export default { rules: { 'no-literal-ui-text': rule } };
