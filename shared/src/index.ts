export { randomId, newMapId, newNodeId, newEdgeId, isValidId } from './model/ids.ts';
export type { Brand, MapId, NodeId, EdgeId } from './model/ids.ts';
export { MAP_KINDS, NODE_KINDS, NODE_KIND_LABELS, MAP_KIND_LABELS, isNodeKind, isMapKind } from './model/kinds.ts';
export type { MapKind, NodeKind } from './model/kinds.ts';
export {
  SCHEMA_VERSION,
  MAP_JSON_FORMAT,
  MAX_TITLE_LENGTH,
  MAX_LABEL_LENGTH,
  MAX_COORDINATE,
  mapJsonSchema,
  mapNodeSchema,
  mapEdgeSchema,
  mapKindSchema,
  nodeKindSchema,
} from './model/mapJson.ts';
export type { MapJSON, MapNodeJSON, MapEdgeJSON, MapMetaJSON } from './model/mapJson.ts';
export {
  ROOT_META,
  ROOT_NODES,
  ROOT_EDGES,
  getMeta,
  getNodes,
  getEdges,
  readMeta,
  readNode,
  readEdge,
  readNodes,
  readLiveEdges,
  isEdgeLive,
  hasNode,
} from './doc/layout.ts';
export type { NodeView, EdgeView, MetaView, NodeRecord, EdgeRecord } from './doc/layout.ts';
export { createOrigin, SERVER_ORIGIN, CLEANUP_ORIGIN, IMPORT_ORIGIN } from './doc/origin.ts';
export type { Origin, OriginSource } from './doc/origin.ts';
export {
  applyTextDiff,
  initMap,
  setMapTitle,
  setMapKind,
  addNode,
  setNodeKind,
  setNodeLabel,
  moveNodes,
  removeNodes,
  connect,
  disconnect,
  setEdgeLabel,
  findDanglingEdges,
  removeDanglingEdges,
} from './doc/operations.ts';
export type { AddNodeInput, ConnectInput, ConnectResult, NodePosition, CreateMapInput } from './doc/operations.ts';
export { toMapJSON, fromMapJSON, writeMapJSON, parseMapJSON } from './doc/convert.ts';
export type { ParseMapResult } from './doc/convert.ts';
export {
  MESSAGE_SYNC,
  MESSAGE_AWARENESS,
  MESSAGE_AUTH,
  MESSAGE_QUERY_AWARENESS,
  MESSAGE_SAVED,
  SYNC_STEP_1,
  SYNC_STEP_2,
  SYNC_UPDATE,
  MAX_FRAME_BYTES,
  CLOSE_CODES,
  isDocumentMessage,
} from './protocol/messages.ts';
export { API, createMapBodySchema, updateMapBodySchema } from './api/maps.ts';
export type { CreateMapBody, UpdateMapBody, MapSummary, ApiErrorBody, ApiErrorCode } from './api/maps.ts';
export { ROLES, CAPABILITIES, ROLE_LABELS, can, roleRank, mayGrant, isRole } from './auth/roles.ts';
export type { Role, Capability } from './auth/roles.ts';
export { passwordProblem } from './auth/password.ts';
export { PRESENCE_COLORS, presenceColorFor } from './auth/presenceColor.ts';
export {
  AUTH_API,
  MIN_PASSWORD_LENGTH,
  MAX_PASSWORD_LENGTH,
  signupBodySchema,
  loginBodySchema,
  changePasswordBodySchema,
  deleteAccountBodySchema,
  createTokenBodySchema,
  addMemberBodySchema,
  updateMemberBodySchema,
  createInviteBodySchema,
} from './api/auth.ts';
export type { UserView, MemberView } from './api/auth.ts';
export { MESSAGE_COMMENTS } from './protocol/messages.ts';
export {
  COMMENTS_API,
  COMMENT_TARGET_KINDS,
  MAX_COMMENT_LENGTH,
  MAX_MENTIONS,
  DELETED_USER_NAME,
  commentTargetSchema,
  createThreadBodySchema,
  replyBodySchema,
  editCommentBodySchema,
  updateThreadBodySchema,
  threadTargetQuerySchema,
} from './api/comments.ts';
export type {
  CommentTarget,
  CommentTargetKind,
  CreateThreadBody,
  ReplyBody,
  EditCommentBody,
  UpdateThreadBody,
  CommentUserView,
  CommentView,
  CommentThreadView,
  ThreadListResponse,
  ThreadResponse,
  CommentResponse,
} from './api/comments.ts';
