// The stored files behind attachments: deleted once nothing references them (attachment.server.ts,
// and the answers of a call's file questions, call-questions.server.ts). A message's PDF (message.server.ts)
// references a stored file too: the same bytes sent with a message and attached to an application are one file.
import { withLockedName } from "~/db/locks.server.ts";
import { deleteStoredFileIfUnused } from "~/storage/files.server.ts";

/** The lock held while a stored file is placed, or checked for references and deleted. */
export const storedFileLock = (storageKey: string) => `stored-file:${storageKey}`;

/**
 * Deletes the stored files behind `storageKeys` that no attachment (of an application or of a message)
 * references any more: called once the transaction that removed references has committed (deleted
 * inside it, a file would stay deleted when the transaction is rolled back or, on PostgreSQL, run
 * again). Each is checked and deleted under its lock, which an upload of the same bytes holds while
 * it places the file and records its attachment. A crash in between leaves a file nothing
 * references, never a reference without a file.
 */
export async function deleteUnreferencedFiles(storageKeys: Iterable<string>): Promise<void> {
  for (const storageKey of new Set(storageKeys)) {
    await withLockedName(storedFileLock(storageKey), (tx) =>
      deleteStoredFileIfUnused(
        storageKey,
        async () =>
          (await tx.attachment.count({ where: { storageKey } })) > 0 || (await tx.messageAttachment.count({ where: { storageKey } })) > 0,
      ),
    );
  }
}
