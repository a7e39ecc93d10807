/**
 * `/api/boards/:id/links…`: a board's capability links as its owner manages them. A link is a
 * role, a label and a token; the server stores only the token's SHA-256, so a token is shown
 * once (on creation or rotation) and never again.
 */
import { z } from './zod.ts';
import { IsoTimeSchema, RoleSchema } from './common.ts';

/** Longest link label, in characters. */
export const MAX_LINK_LABEL_LENGTH = 100;

/** The labels of the three links a new board gets. */
export const DEFAULT_LINK_LABELS = { owner: 'Owner', editor: 'Editor', viewer: 'Viewer' } as const;

/** `:link` of the link routes. */
export const LinkParamsSchema = z.object({ id: z.string(), link: z.string() });

/** One link as listed: never its token. */
export const LinkSchema = z.object({
	id: z.string(),
	role: RoleSchema,
	/** Who or what it is for ("Owner", "Vendor QA", "CI job"). */
	label: z.string(),
	createdAt: IsoTimeSchema,
	/** The last time a request or connection used it (to the minute), or null. */
	lastUsedAt: IsoTimeSchema.nullable(),
	/** When it was revoked, or null while it works. */
	revokedAt: IsoTimeSchema.nullable()
});
export type Link = z.infer<typeof LinkSchema>;

/**
 * `GET /api/boards/:id/links` answer: every link of the board, oldest first, and which of them
 * the request used (so a page can tell the owner which link is their own).
 */
export const LinkListResponseSchema = z.object({ links: z.array(LinkSchema), current: z.string() });
export type LinkListResponse = z.infer<typeof LinkListResponseSchema>;

/** `POST /api/boards/:id/links` body. */
export const CreateLinkRequestSchema = z.strictObject({
	role: RoleSchema,
	label: z.string().trim().min(1).max(MAX_LINK_LABEL_LENGTH)
});
export type CreateLinkRequest = z.input<typeof CreateLinkRequestSchema>;

/** A link with its token: the answer of creating (201) or rotating one, shown once. */
export const LinkWithTokenSchema = LinkSchema.extend({ token: z.string() });
export type LinkWithToken = z.infer<typeof LinkWithTokenSchema>;
