// The app's own code that e2e/db.ts builds the journeys' test data with, in one
// place. Import it only through e2e/db.ts (after connectE2eDatabase()): loading it
// creates the app's database client.
export { dbReady, prisma } from "~/utils/db.server";
export { startSession } from "~/models/auth.server";
export { toStockholmInputValue } from "~/utils/format";
export { threadHref } from "~/utils/links";
export { caseSchema } from "~/validation/library";
export { eventSchema } from "~/validation/event";
export { createCase, setCaseStatus } from "~/models/case-admin.server";
export { listCategories } from "~/models/discussion.server";
export { createEvent, publishEvent } from "~/models/event-admin.server";
export { getPostForModeration, setThreadState } from "~/models/moderation.server";
export { createAnswer, createThread } from "~/models/post.server";
export { registerForEvent } from "~/models/registration.server";
export { promoteToAdmin, uniqueHandle } from "~/models/user.server";
export { changePollState, createPoll } from "~/models/poll-admin.server";
export { pollSchema } from "~/validation/poll";
export { hashPassword } from "~/utils/password.server";
