import type { Prisma } from "@prisma/client";

// Notifications for discussions (followers, category subscribers, @mentions).
// The discussions model calls afterPostCreated inside the transaction that wrote the
// post, so queued notifications commit or roll back together with it.

export type CreatedPost = {
  id: string;
  threadId: string;
  authorId: string;
  kind: "question" | "answer" | "comment";
  bodyMd: string;
};

export async function afterPostCreated(_tx: Prisma.TransactionClient, _post: CreatedPost): Promise<void> {
  // Filled in by the notifications work (issue #6): follow, mentions, category subscriptions.
}
