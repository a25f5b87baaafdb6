export { randomId, newMapId, newNodeId, newEdgeId, isValidId } from './model/ids.ts';
export type { Brand, MapId, NodeId, EdgeId } from './model/ids.ts';
export {
  MAP_KINDS,
  NODE_KINDS,
  NODE_KIND_LABELS,
  NODE_KIND_HINTS,
  MAP_KIND_LABELS,
  PATHWAY_KINDS,
  ATTACHABLE_KINDS,
  isNodeKind,
  isMapKind,
  isAttachableKind,
} from './model/kinds.ts';
export type { MapKind, NodeKind } from './model/kinds.ts';
export {
  SCHEMA_VERSION,
  MAP_JSON_FORMAT,
  MAX_TITLE_LENGTH,
  MAX_LABEL_LENGTH,
  MAX_COORDINATE,
  upgradeMapJSON,
} from './model/mapJson.ts';
export {
  mapJsonSchema,
  mapNodeSchema,
  mapEdgeSchema,
  mapKindSchema,
  nodeKindSchema,
  mapJsonV1Schema,
} from './model/mapJsonSchema.ts';
export type { MapJSON, MapJSONV1, MapNodeJSON, MapEdgeJSON, MapMetaJSON } from './model/mapJson.ts';
export {
  RAG_STATUSES,
  RAG_LABELS,
  RAG_MEANINGS,
  OUTCOME_TERMS,
  OUTCOME_TERM_LABELS,
  LEVELS,
  LEVEL_LABELS,
  SPHERES,
  SPHERE_LABELS,
  FIVE_CAPABILITIES,
  CAPABILITY_LABELS,
  CAPABILITY_SHORT_LABELS,
  ASSUMPTION_KINDS,
  ASSUMPTION_KIND_LABELS,
  LOW_MEDIUM_HIGH,
  LOW_MEDIUM_HIGH_LABELS,
  ASSUMPTION_STATES,
  ASSUMPTION_STATE_LABELS,
  FREQUENCIES,
  FREQUENCY_LABELS,
  EVIDENCE_TYPES,
  EVIDENCE_TYPE_LABELS,
  EVIDENCE_STRENGTHS,
  EVIDENCE_STRENGTH_LABELS,
  ACTOR_TYPES,
  ACTOR_TYPE_LABELS,
  NETWORK_ROLES,
  NETWORK_ROLE_LABELS,
  LESSON_LOOPS,
  LESSON_LOOP_LABELS,
  HEALTH_DIMENSIONS,
  HEALTH_DIMENSION_LABELS,
  LINK_RELATIONS,
  LINK_RELATION_LABELS,
  CAUSAL_RELATIONS,
  PARTNERSHIP_RELATIONS,
  LINK_STATUSES,
  LINK_STATUS_LABELS,
  MAX_FIELD_LENGTH,
  MAX_NARRATIVE_LENGTH,
  MAX_TAG_LENGTH,
  MAX_TAGS,
  MAX_ENTRIES,
  MAX_NOTE_LENGTH,
  MIN_GROUP_SIZE,
  MAX_GROUP_SIZE,
  NODE_FIELDS,
  NODE_FIELD_KEYS,
  NODE_FIELD_LABELS,
  FIELDS_BY_KIND,
  CAPABILITY_KINDS,
  isNodeFieldKey,
  normaliseTag,
  tagKey,
  parseDate,
  localDate,
} from './model/fields.ts';
export type {
  RagStatus,
  OutcomeTerm,
  Level,
  Sphere,
  CapabilityTag,
  AssumptionKind,
  LowMediumHigh,
  AssumptionState,
  Frequency,
  EvidenceType,
  EvidenceStrength,
  ActorType,
  NetworkRole,
  LessonLoop,
  HealthDimension,
  LinkRelation,
  LinkStatus,
  NodeFieldKey,
  NodeFieldValue,
  NodeFields,
  FieldParser,
} from './model/fields.ts';
export { ENTRY_LIST_KEYS, HISTORY_OF_KIND, byDate, currentAssumptionState, latestHealth } from './model/entries.ts';
export type {
  EntryBase,
  AssumptionReview,
  IndicatorReading,
  HealthRating,
  EntryTypes,
  EntryListKey,
} from './model/entries.ts';
export {
  LANE_ORDER,
  MIN_LANE_HEIGHT,
  DEFAULT_LANE_HEIGHT,
  parseLanes,
  lanesFrom,
  laneBand,
  laneAt,
  moveLaneBoundary,
} from './model/lanes.ts';
export type { Lanes } from './model/lanes.ts';
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
  DEFAULT_GROUP_SIZE,
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
  moveNodesAcrossLanes,
  removeNodes,
  connect,
  disconnect,
  setEdgeLabel,
  findDanglingEdges,
  removeDanglingEdges,
  findAttached,
} from './doc/operations.ts';
export type {
  AddNodeInput,
  ConnectInput,
  ConnectResult,
  NodePosition,
  CreateMapInput,
  LaneMove,
} from './doc/operations.ts';
export {
  setNodeField,
  setNodeFields,
  setNodeNarrative,
  addNodeTag,
  removeNodeTag,
  setNodeCapability,
  addEntry,
  removeEntry,
  attachNode,
  setNodeBounds,
  setEdgeField,
  setLanes,
  setCeiling,
} from './doc/fieldOperations.ts';
export type { NewEntry, AttachResult, EdgeFieldKey, EdgeFieldValue } from './doc/fieldOperations.ts';
export { buildMapGraph, readMapGraph, resolveAttachment, attachmentsOf, standsOnCanvas } from './analysis/graph.ts';
export type { MapGraph } from './analysis/graph.ts';
export { fromMapJSON, writeMapJSON } from './doc/convert.ts';
export { toMapJSON, parseMapJSON } from './doc/validMapJson.ts';
export { restoreMapContent } from './doc/restoreMapContent.ts';
export type { ParseMapResult } from './doc/validMapJson.ts';
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
  encodeSyncMessage,
  encodeAwarenessMessage,
  encodeSavedMessage,
  encodeCommentsMessage,
} from './protocol/messages.ts';
export { API } from './api/maps.ts';
export { createMapBodySchema, updateMapBodySchema } from './api/mapsSchemas.ts';
export type { CreateMapBody, UpdateMapBody, MapSummary, ApiErrorBody, ApiErrorCode } from './api/maps.ts';
export { ROLES, CAPABILITIES, ROLE_LABELS, can, roleRank, mayGrant, isRole } from './auth/roles.ts';
export type { Role, Capability } from './auth/roles.ts';
export { passwordProblem, passwordProblemCode, type PasswordProblemCode } from './auth/password.ts';
export { PRESENCE_COLORS, presenceColorFor } from './auth/presenceColor.ts';
export { AUTH_API, MIN_PASSWORD_LENGTH, MAX_PASSWORD_LENGTH } from './api/auth.ts';
export {
  signupBodySchema,
  loginBodySchema,
  changePasswordBodySchema,
  deleteAccountBodySchema,
  updateAccountBodySchema,
  createTokenBodySchema,
  addMemberBodySchema,
  updateMemberBodySchema,
  createInviteBodySchema,
} from './api/authSchemas.ts';
export type { AccountView, UserView, MemberView } from './api/auth.ts';
export {
  TEMPLATE_IDS,
  MAP_TEMPLATES,
  isTemplateId,
  buildTemplate,
  defaultTemplateFor,
  templateWords,
} from './model/templates.ts';
export type { TemplateId, MapTemplate, TemplateOptions } from './model/templates.ts';
export { MESSAGE_COMMENTS } from './protocol/messages.ts';
export {
  COMMENTS_API,
  COMMENT_TARGET_KINDS,
  MAX_COMMENT_LENGTH,
  MAX_MENTIONS,
  DELETED_USER_NAME,
} from './api/comments.ts';
export {
  commentTargetSchema,
  createThreadBodySchema,
  replyBodySchema,
  editCommentBodySchema,
  updateThreadBodySchema,
  threadTargetQuerySchema,
} from './api/commentsSchemas.ts';
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
export { canvasIndexOf } from './analysis/canvasIndex.ts';
export type { CanvasIndex } from './analysis/canvasIndex.ts';
export { cardTitle, linkTitle, MAX_MENTION_LENGTH } from './analysis/cardTitle.ts';
export { findPathway, pathwayIncludes } from './analysis/pathway.ts';
export type { Pathway } from './analysis/pathway.ts';
export { FINDING_CODES, FINDING_SEVERITIES, FINDING_SEVERITY, checksFor, checkMap } from './analysis/logicCheck.ts';
export type { Finding, FindingCode, FindingMessage, FindingSeverity, FindingTarget } from './analysis/logicCheck.ts';
export {
  EMPTY_FILTER,
  FILTER_FACETS,
  isFilterActive,
  foldSearchText,
  searchWords,
  cardMatchesFilter,
  matchingCards,
  matchingLinks,
  tagsInUse,
} from './analysis/filter.ts';
export type { MapFilter, FilterFacet } from './analysis/filter.ts';
export { autoLayout, warmUpAutoLayout } from './layout/autoLayout.ts';
export { DEFAULT_CARD_SIZE } from './layout/layoutSizes.ts';
export type { LayoutOptions, LayoutResult } from './layout/autoLayout.ts';
export { writeLayout } from './layout/writeLayout.ts';
export { placeNewCard, CARD_CLEARANCE, LABEL_CLEARANCE } from './layout/placeNewCard.ts';
export type { PlacedCard, PlacementInput, Placement, Rect } from './layout/placeNewCard.ts';
export { boundsOf } from './layout/rects.ts';
export type { FrameBounds } from './layout/frameFitting.ts';
export {
  HISTORY_API,
  HISTORY_LIMITS,
  SNAPSHOT_REASONS,
  MAX_SNAPSHOT_NAME,
  MAX_SNAPSHOT_NOTE,
  AUTO_SNAPSHOT_TTL_DAYS,
  REVIEW_STATUSES,
  DECISION_STATUSES,
  MAX_REVIEW_TEXT,
  MAX_ORGANISATION_LENGTH,
  parsePoint,
} from './api/history.ts';
export {
  pointSchema,
  createSnapshotBodySchema,
  updateSnapshotBodySchema,
  restoreBodySchema,
  revertBodySchema,
  createReviewBodySchema,
  updateReviewBodySchema,
  createDecisionBodySchema,
  updateDecisionBodySchema,
  createLessonBodySchema,
  createRatingBodySchema,
  updateMyMembershipBodySchema,
} from './api/historySchemas.ts';
export type {
  SnapshotReason,
  ParsedPoint,
  CreateSnapshotBody,
  UpdateSnapshotBody,
  RestoreBody,
  RevertBody,
  PersonView,
  PointView,
  SnapshotView,
  HistoryEntryView,
  HistoryPage,
  StateResponse,
  DiffResponse,
  UpdatesPage,
  LiveSessionView,
  TimelineResponse,
  CatchUpResponse,
  ReviewStatus,
  DecisionStatus,
  DecisionView,
  LessonView,
  RatingView,
  ReviewView,
  DigestResponse,
  HealthTrendResponse,
} from './api/history.ts';
export type {
  FieldChange,
  ElementChangeState,
  CardDiff,
  LinkDiff,
  MapDiff,
  SummaryElement,
  SummaryChange,
  ChangeSummary,
} from './history/types.ts';
export {
  MapStateRecorder,
  noChange,
  readMapState,
  readMapStateInSteps,
  emptyMapState,
  cloneMapState,
  applyMapPatch,
  mapStateToJSON,
  mapStateFromJSON,
  serialiseMapState,
  parseMapState,
  summarisePatch,
} from './history/mapState.ts';
export type { MapState, MapPatch, RecordPatch, RecordedChange, RemovedRecords } from './history/mapState.ts';
export { nodeToJSON, edgeToJSON, metaToJSON } from './doc/convert.ts';
export { diffMaps, isEmptyDiff } from './history/diffMaps.ts';
export { applyMapDiff } from './history/applyMapDiff.ts';
export {
  CARD_DIFF_KEYS,
  LINK_DIFF_KEYS,
  META_DIFF_KEYS,
  CARD_FIELD_LABELS,
  LINK_FIELD_LABELS,
  META_FIELD_LABELS,
} from './history/comparedFields.ts';
export type { CardDiffKey, LinkDiffKey, MetaDiffKey } from './history/comparedFields.ts';
export { describeChange, describeSession } from './history/describeChange.ts';
export { revertChanges } from './history/revertChanges.ts';
export type { RevertStep, RevertSide } from './history/revertChanges.ts';
export { safeFileTitle, downloadFileName, contentDisposition, MAX_FILE_TITLE_LENGTH } from './export/fileName.ts';
export {
  EXPORT_API,
  MAP_EXPORT_FORMATS,
  MAP_EXPORT_FORMAT_INFO,
  CHANGE_REPORT_FORMATS,
  PNG_SCALES,
  PNG_BACKGROUNDS,
  PNG_SIZES,
  PDF_PAGE_SIZES,
  PDF_ORIENTATIONS,
  PDF_LAYOUTS,
  CSV_TABLES,
  MAX_IMPORT_BYTES,
  MAX_IMPORT_ROWS,
  IMPORT_SOURCE_FORMATS,
  IMPORT_LAYOUTS,
} from './api/exports.ts';
export type {
  MapExportFormat,
  ChangeReportFormat,
  ExportFormatInfo,
  ImportSourceFormat,
  ImportLayout,
  ImportProblem,
  ImportReport,
  ImportPreview,
  ImportResult,
} from './api/exports.ts';
export { cardFacts, cardAccessibleName, linkAccessibleName } from './analysis/cardFacts.ts';
export { nodeViewOf, edgeViewOf, mapGraphOf } from './analysis/mapGraphOf.ts';
export { toCsv, neutraliseCell, restoreCell } from './export/csv.ts';
export {
  elementColumns,
  connectionColumns,
  LIST_SEPARATOR,
  elementTable,
  connectionTable,
} from './export/elementTables.ts';
export type { ColumnType, TableColumn, TableRows } from './export/elementTables.ts';
export { toMermaid, mermaidText } from './export/mermaid.ts';
export { registerTables } from './export/registerTables.ts';
export type { NamedTable } from './export/registerTables.ts';
export { toOpml, xmlAttribute } from './export/opml.ts';
export { readTables } from './import/readTables.ts';
export type { SheetTable } from './import/readTables.ts';
export { importTitle } from './import/ImportBuilder.ts';
export type { TablesRead } from './import/ImportBuilder.ts';
export { readMapJsonText } from './import/readMapJsonText.ts';
export { layOutImport, LAYERED_IMPORT_MAX_CARDS } from './import/layOutImport.ts';
export type { ImportLayoutUsed } from './import/layOutImport.ts';
export { levelOf } from './import/headers.ts';
export {
  buildReport,
  forEachStep,
  compareRefs,
  isPathwayKind,
  LOGFRAME_LEVELS,
  LOGFRAME_LEVEL_OF_KIND,
} from './export/report.ts';
export type {
  MapReport,
  PathwayKind,
  LogframeLevel,
  ReportTarget,
  ReportLink,
  PathwayStep,
  LogframeRow,
  ReportDatedValue,
  ReportIndicator,
  ReportAssumption,
  ReportHealthRating,
  ReportPartner,
  ReportRisk,
  ReportLesson,
  ReportEvidence,
} from './export/report.ts';
export { presentationSteps, presentationStepElements } from './export/presentation.ts';
export type { PresentationStep } from './export/presentation.ts';
export { mdText, mdParagraphs, mdCell, mdLink, mdHeading, mdTable, mdBlocks } from './export/markdown.ts';
export type { DocumentVersion, DocumentCommentThread, MapReportDocument, ReviewDocument } from './export/documents.ts';
export {
  decisionStatusWords,
  logframeColumns,
  domainWords,
  localeOf,
  NO_VALUE,
  documentTime,
  documentDay,
  datedValueWords,
  assumptionStateWords,
  healthWords,
  targetWords,
  relationWords,
  reviewSpanWords,
} from './export/documentWords.ts';
export { mapReportMarkdown, logframeLevelWords, columnWords, commentTargetWords } from './export/reportMarkdown.ts';
export type { DomainWords } from './export/documentWords.ts';
export { buildChangeReport } from './export/changeReport.ts';
export type {
  ChangeReport,
  ChangeReportInput,
  ChangeReportPoint,
  ChangeReportField,
  ChangedElement,
} from './export/changeReport.ts';
export { changeReportMarkdown, changedKindWords } from './export/changeReportMarkdown.ts';
export { reviewMarkdown, loopName } from './export/reviewMarkdown.ts';
export { createHarfBuzzShaper, optionalFontsFor } from './render/harfbuzzShaper.ts';
export type { FontFiles, HarfBuzzModule } from './render/harfbuzzShaper.ts';
export { wrapText, fitWithEllipsis } from './render/text.ts';
export type { TextShaper, TextStyle, ShapedLine, PlacedGlyph, FontWeight } from './render/text.ts';
export { KIND_COLORS, KIND_GLYPHS, RELATION_LOOKS, RAG_COLORS, INK, linkLook } from './render/look.ts';
export type { GlyphPart, LinkLook } from './render/look.ts';
export { renderMapSvg, escapeXml } from './render/renderMapSvg.ts';
export type { RenderOptions, RenderedMap } from './render/renderMapSvg.ts';
export { layoutMapPicture } from './render/renderMapSvg.ts';
export type { MapPicture, PictureCanvas, PaintStyle } from './render/renderMapSvg.ts';
export { reportTables } from './export/reportTables.ts';
export type { ReportTable } from './export/reportTables.ts';
export { pictureDateText } from './render/dateText.ts';
export {
  SLICE_THRESHOLD_BYTES,
  MAX_SLICE_BYTES,
  sliceUpdate,
  syncReplyFrames,
  installSlicedSync,
} from './protocol/sliceUpdate.ts';
export type { SlicingProvider } from './protocol/sliceUpdate.ts';
export {
  LANGUAGES,
  DEFAULT_LANGUAGE,
  NAMESPACES,
  LANGUAGE_NAMES,
  isLanguage,
  directionOf,
  pickLanguage,
  acceptLanguageTags,
} from './i18n/languages.ts';
export type { Language, Namespace, Translate } from './i18n/languages.ts';
