import { can, type Member } from "../domain/policy";

/** What a member may do with a plan's discussion, for the page's buttons (the API checks each request again). */
export function planCommentRights(member: Member, archived: boolean) {
  return {
    canComment: can(member, "comment", { kind: "plan", archived }),
    // Hiding anyone's comment (moderation) is an owner's.
    canHide: can(member, "hide", { kind: "comment", authorId: null, state: "visible", targetArchived: archived }),
  };
}
