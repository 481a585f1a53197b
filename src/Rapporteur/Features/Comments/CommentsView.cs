using Rapporteur.Data.Entities;

namespace Rapporteur.Features.Comments;

/// <summary>What the comments partial shows: the visible comments and where the form posts.</summary>
public sealed record CommentsView(IReadOnlyList<Comment> Comments, bool CanComment, string Action);
