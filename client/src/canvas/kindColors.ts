// One colour per node kind, shared with every exported picture (shared/src/render/look.ts).
export { KIND_COLORS } from '@loopmap/shared';
