// Scene segments → finished reel.
export { probe, type ProbeResult } from './probe.js';
export { encodeSegment, segmentTiming, TAIL_PAD_MS, type SegmentOptions } from './segment.js';
export { probeClip, type ClipInfo } from './clip.js';
export { stitchSegments, type StitchOptions } from './stitch.js';
export { makeThumbnail } from './thumbnail.js';
export { bareEncode } from './bareEncode.js';
export { ToolError } from './run.js';
