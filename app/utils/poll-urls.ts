/** Addresses of polls, shared by server and browser code. */
export const voteHref = (code: string) => `/rosta/${code}`;
export const pollResultHref = (code: string) => `/undersokningar/${code}`;
export const pollAdminHref = (eventId: string, pollId: string) => `/admin/forum/${eventId}/omrostningar/${pollId}`;
export const pollPresenterHref = (eventId: string, pollId: string) => `${pollAdminHref(eventId, pollId)}/presentera`;
export const pollLiveHref = (eventId: string, pollId: string) => `${pollAdminHref(eventId, pollId)}/live`;
