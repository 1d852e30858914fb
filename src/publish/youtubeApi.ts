// The parts of the YouTube Data API v3 a publication needs, over fetch: the resumable upload
// protocol (https://developers.google.com/youtube/v3/guides/using_resumable_upload_protocol),
// the video's processing status and the connected channel. googleapis uploads in one multipart
// request and cannot resume from the byte YouTube confirmed, which is the point here.

export type VideoPrivacy = 'private' | 'unlisted' | 'public';

export interface VideoMetadata {
  title: string;
  description: string;
  tags: string[];
  privacy: VideoPrivacy;
  madeForKids: boolean;
  containsSyntheticMedia: boolean;
  publishAt: Date | null;
}

/** What went wrong, as far as the caller must act on it. */
export type ApiErrorKind = 'quota' | 'auth' | 'sessionGone' | 'transient' | 'refused';

export class YouTubeApiError extends Error {
  override name = 'YouTubeApiError';
  constructor(
    readonly kind: ApiErrorKind,
    readonly status: number,
    readonly reason: string | null,
    message: string,
  ) {
    super(message);
  }
}

export type UploadState = { done: false; confirmed: number } | { done: true; videoId: string };

const TIMEOUT_MS = 120_000;
const QUOTA_REASONS = new Set(['quotaExceeded', 'dailyLimitExceeded', 'uploadLimitExceeded']);

async function call(url: string, init: RequestInit): Promise<Response> {
  try {
    // 308 is the protocol's "resume incomplete", not a redirect to follow.
    return await fetch(url, { ...init, redirect: 'manual', signal: init.signal ?? AbortSignal.timeout(TIMEOUT_MS) });
  } catch (err) {
    throw new YouTubeApiError('transient', 0, null, `YouTube could not be reached: ${(err as Error).message}`);
  }
}

/** Google's error body ({ error: { code, message, errors: [{ reason }] } }) as a classified error. */
async function errorOf(res: Response, what: string): Promise<YouTubeApiError> {
  const text = await res.text().catch(() => '');
  let reason: string | null = null;
  let message = text.slice(0, 300);
  try {
    const body = JSON.parse(text) as { error?: { message?: string; errors?: { reason?: string }[] } };
    reason = body.error?.errors?.[0]?.reason ?? null;
    message = body.error?.message ?? message;
  } catch {
    // not JSON: keep the text
  }
  const kind: ApiErrorKind =
    reason && QUOTA_REASONS.has(reason)
      ? 'quota'
      : res.status === 401
        ? 'auth'
        : res.status === 404 || res.status === 410
          ? 'sessionGone'
          : res.status === 408 || res.status === 429 || res.status >= 500 || reason === 'rateLimitExceeded' || reason === 'backendError'
            ? 'transient'
            : 'refused';
  return new YouTubeApiError(kind, res.status, reason, `${what}: YouTube answered ${res.status}${reason ? ` (${reason})` : ''}: ${message || res.statusText}`);
}

function authorized(token: string, extra: Record<string, string> = {}): Record<string, string> {
  return { authorization: `Bearer ${token}`, ...extra };
}

/** The video resource's snippet and status as YouTube wants them. */
export function videoResource(meta: VideoMetadata) {
  return {
    snippet: { title: meta.title, description: meta.description, tags: meta.tags, categoryId: '22' },
    status: {
      privacyStatus: meta.privacy,
      // Without it the upload stays incomplete on YouTube's side.
      selfDeclaredMadeForKids: meta.madeForKids,
      containsSyntheticMedia: meta.containsSyntheticMedia,
      ...(meta.publishAt ? { publishAt: meta.publishAt.toISOString() } : {}),
    },
  };
}

/** Opens a resumable session; returns its URI (the `Location`), to be recorded before any byte is sent. */
export async function startResumableUpload(root: string, token: string, meta: VideoMetadata, size: number, mime: string): Promise<string> {
  const url = `${root}/upload/youtube/v3/videos?uploadType=resumable&part=snippet,status`;
  const res = await call(url, {
    method: 'POST',
    headers: authorized(token, {
      'content-type': 'application/json; charset=UTF-8',
      'x-upload-content-length': String(size),
      'x-upload-content-type': mime,
    }),
    body: JSON.stringify(videoResource(meta)),
  });
  if (!res.ok) throw await errorOf(res, 'starting the upload');
  await res.body?.cancel();
  const location = res.headers.get('location');
  if (!location) throw new YouTubeApiError('transient', res.status, null, 'starting the upload: YouTube gave no session URI');
  return location;
}

async function stateOf(res: Response, what: string): Promise<UploadState> {
  if (res.status === 308) {
    await res.body?.cancel();
    // `Range: bytes=0-<last>`: what YouTube has. No Range: nothing yet.
    const m = /^bytes=0-(\d+)$/.exec(res.headers.get('range') ?? '');
    return { done: false, confirmed: m ? Number(m[1]) + 1 : 0 };
  }
  if (res.status === 200 || res.status === 201) {
    const video = (await res.json().catch(() => null)) as { id?: string } | null;
    if (!video?.id) throw new YouTubeApiError('transient', res.status, null, `${what}: YouTube finished the upload but named no video id`);
    return { done: true, videoId: video.id };
  }
  throw await errorOf(res, what);
}

/** Asks how much of the upload YouTube has (`Content-Range: bytes *\/N`), e.g. after a cut connection. */
export async function queryUpload(uri: string, token: string, size: number): Promise<UploadState> {
  const res = await call(uri, { method: 'PUT', headers: authorized(token, { 'content-range': `bytes */${size}`, 'content-length': '0' }) });
  return stateOf(res, 'asking for the upload status');
}

/** Sends bytes [start, start + data.length) of `size`; answers what YouTube confirmed. */
export async function putChunk(uri: string, token: string, data: Buffer, start: number, size: number, mime: string): Promise<UploadState> {
  const end = start + data.length - 1;
  const res = await call(uri, {
    method: 'PUT',
    headers: authorized(token, { 'content-type': mime, 'content-range': `bytes ${start}-${end}/${size}` }),
    // A Buffer is a Uint8Array, which fetch sends as is.
    body: data as unknown as BodyInit,
  });
  return stateOf(res, `uploading bytes ${start}-${end}`);
}

export interface VideoProcessing {
  /** uploaded | processed | failed | rejected | deleted (status.uploadStatus). */
  uploadStatus: string;
  /** failureReason or rejectionReason, when there is one. */
  reason: string | null;
}

export async function videoProcessing(root: string, token: string, videoId: string): Promise<VideoProcessing | null> {
  const res = await call(`${root}/youtube/v3/videos?part=status&id=${encodeURIComponent(videoId)}`, { headers: authorized(token) });
  if (!res.ok) throw await errorOf(res, 'reading the video status');
  const body = (await res.json()) as { items?: { status?: { uploadStatus?: string; failureReason?: string; rejectionReason?: string } }[] };
  const status = body.items?.[0]?.status;
  if (!status?.uploadStatus) return null;
  return { uploadStatus: status.uploadStatus, reason: status.failureReason ?? status.rejectionReason ?? null };
}

export interface ChannelInfo {
  id: string;
  title: string;
  thumbnailUrl: string | null;
}

/** The channel the token belongs to (needs youtube.readonly). */
export async function myChannel(root: string, token: string): Promise<ChannelInfo | null> {
  const res = await call(`${root}/youtube/v3/channels?part=snippet&mine=true`, { headers: authorized(token) });
  if (!res.ok) throw await errorOf(res, 'reading your channel');
  const body = (await res.json()) as { items?: { id?: string; snippet?: { title?: string; thumbnails?: Record<string, { url?: string }> } }[] };
  const item = body.items?.[0];
  if (!item?.id) return null;
  const thumbs = item.snippet?.thumbnails ?? {};
  return { id: item.id, title: item.snippet?.title ?? item.id, thumbnailUrl: thumbs.medium?.url ?? thumbs.default?.url ?? thumbs.high?.url ?? null };
}
