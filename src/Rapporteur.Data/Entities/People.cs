using Microsoft.AspNetCore.Identity;

namespace Rapporteur.Data.Entities;

#pragma warning disable CA1002, CA2227 // EF navigation collections.

/// <summary>The roles of the procedure. A focal point acts for one Party only (<see cref="User.PartyId"/>).</summary>
public static class Roles
{
    public const string Administrator = "Administrator";
    public const string Secretariat = "Secretariat";
    public const string Rapporteur = "Rapporteur";
    public const string FocalPoint = "FocalPoint";
    public const string CivilSociety = "CivilSociety";

    public static IReadOnlyList<string> All { get; } = [Administrator, Secretariat, Rapporteur, FocalPoint, CivilSociety];

    /// <summary>The staff of the body: they see drafts of every Party.</summary>
    public static IReadOnlyList<string> Staff { get; } = [Administrator, Secretariat, Rapporteur];

    /// <summary>The role as written by a person ("focal-point", "secretariat"), or null.</summary>
    public static string? Parse(string text)
    {
        var key = text.Replace("-", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
        return All.FirstOrDefault(r => string.Equals(r, key, StringComparison.OrdinalIgnoreCase));
    }
}

/// <summary>A person who signs in. Identity stores the password hash, lockout and two-factor state.</summary>
public sealed class User : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// <summary>The Party a focal point acts for; null for everyone else.</summary>
    public int? PartyId { get; set; }
    public Party? Party { get; set; }
}

/// <summary>The Committee's assessment of one recommendation for one Party. Every change is a new
/// <see cref="ContentVersion"/>; the row holds the latest.</summary>
public sealed class Assessment
{
    public int Id { get; set; }
    public int RecommendationId { get; set; }
    public Recommendation? Recommendation { get; set; }
    public int PartyId { get; set; }
    public Party? Party { get; set; }

    /// <summary>A key of the body's compliance scale, e.g. "partially-implemented".</summary>
    public required string Status { get; set; }
    public DateOnly AssessedOn { get; set; }
    public string Note { get; set; } = "";
    public int Version { get; set; }
}

/// <summary>One version of a reply, recommendation, box or assessment: who, when, what (a JSON snapshot). Append-only.</summary>
public sealed class ContentVersion
{
    public long Id { get; set; }
    public required string EntityType { get; set; }
    public int EntityId { get; set; }
    public int Version { get; set; }
    public required string Action { get; set; }
    public string? UserId { get; set; }
    public required string UserName { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Snapshot { get; set; }
}

/// <summary>Who did what outside content: sign-ins, permission changes, exports. Append-only.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public string? UserId { get; set; }
    public required string UserName { get; set; }
    public required string Action { get; set; }
    public required string Detail { get; set; }
}

public enum CommentStatus
{
    Pending,
    Approved,
    Rejected,
}

/// <summary>A civil-society comment on a Party's reply or on the round; public once the Secretariat approves it.</summary>
public sealed class Comment
{
    public int Id { get; set; }
    public int RoundId { get; set; }
    public int? PartyId { get; set; }
    public Party? Party { get; set; }
    public required string AuthorId { get; set; }
    public required string AuthorName { get; set; }
    public required string Organisation { get; set; }
    public required string Text { get; set; }
    public CommentStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ModeratedAt { get; set; }
}

/// <summary>A reminder or notification waiting to be sent (or sent). Delivery by SMTP is optional.</summary>
public sealed class OutboxMessage
{
    public int Id { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string To { get; set; }
    public required string Subject { get; set; }
    public required string Body { get; set; }

    /// <summary>Dedupe key, e.g. "reminder:reply:3:5:7d", so a reminder is queued once.</summary>
    public required string Key { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public string? Error { get; set; }
}
/// <summary>A file a Party's focal point attached to its reply (optionally to one question). The bytes live in the
/// data folder (<see cref="StoredName"/> under <c>attachments/</c>); the row keeps what the file is and who sent it.</summary>
public sealed class ReplyAttachment
{
    public int Id { get; set; }
    public int ReplyId { get; set; }
    public Reply? Reply { get; set; }

    /// <summary>The question the file belongs to ("1.1"), or null for the reply as a whole.</summary>
    public string? Question { get; set; }
    public required string FileName { get; set; }

    /// <summary>The media type read from the file's bytes, never from its name or the browser.</summary>
    public required string ContentType { get; set; }
    public long Size { get; set; }
    public required string Sha256 { get; set; }

    /// <summary>The file's name under the data folder's <c>attachments/</c> folder.</summary>
    public required string StoredName { get; set; }
    public string? UploadedById { get; set; }
    public required string UploadedByName { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
}
#pragma warning restore CA1002, CA2227
