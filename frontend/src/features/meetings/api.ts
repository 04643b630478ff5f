import type { ApiErrorResponse, CreateMeetingResponse, ErrorCode, MeetingDto } from '@contract/protocol';

/** A failed API call with the server's stable code (or NETWORK when there was no answer). */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode | 'NETWORK',
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

async function request<T>(path: string, init?: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, { ...init, headers: { Accept: 'application/json', ...init?.headers } });
  } catch {
    throw new ApiError('NETWORK', 0, 'Could not reach the server.');
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as ApiErrorResponse | null;
    const code = body?.error?.code ?? (response.status === 404 ? 'MEETING_NOT_FOUND' : 'INTERNAL');
    throw new ApiError(code, response.status, body?.error?.message ?? response.statusText);
  }
  return (await response.json()) as T;
}

/** Creates a meeting; the response's host key is shown this once. */
export function createMeeting(title?: string): Promise<CreateMeetingResponse> {
  return request<CreateMeetingResponse>('/api/meetings', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(title ? { title } : {}),
  });
}

export function getMeeting(meetingId: string): Promise<MeetingDto> {
  return request<MeetingDto>(`/api/meetings/${encodeURIComponent(meetingId)}`);
}
