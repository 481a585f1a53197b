using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Rapporteur.Data;
using Rapporteur.Data.Entities;

namespace Rapporteur.Features.Audit;

/// <summary>The append-only record: <see cref="AuditEntry"/> for sign-ins, permissions and exports, and
/// <see cref="ContentVersion"/> for every change to a reply, recommendation, box or assessment. There is no update or
/// delete path: entries are only ever added, in the same transaction as the change they describe.</summary>
public static class AuditLog
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static void Record(RapporteurDbContext db, TimeProvider clock, ClaimsPrincipal? user, string action, string detail)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clock);
        db.AuditEntries.Add(new AuditEntry
        {
            At = clock.GetUtcNow(),
            UserId = user?.FindFirstValue(ClaimTypes.NameIdentifier),
            UserName = Name(user),
            Action = action,
            Detail = detail,
        });
    }

    /// <summary>Adds the next version of an entity, with a snapshot of its content.</summary>
    public static async Task<ContentVersion> VersionAsync<T>(RapporteurDbContext db, TimeProvider clock, ClaimsPrincipal? user, string entityType, int entityId,
        string action, T snapshot, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clock);
        var last = await db.ContentVersions.Where(v => v.EntityType == entityType && v.EntityId == entityId).MaxAsync(v => (int?)v.Version, ct) ?? 0;
        var version = new ContentVersion
        {
            EntityType = entityType,
            EntityId = entityId,
            Version = last + 1,
            Action = action,
            UserId = user?.FindFirstValue(ClaimTypes.NameIdentifier),
            UserName = Name(user),
            At = clock.GetUtcNow(),
            Snapshot = JsonSerializer.Serialize(snapshot, Json),
        };
        db.ContentVersions.Add(version);
        return version;
    }

    public static T? Read<T>(ContentVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return JsonSerializer.Deserialize<T>(version.Snapshot, Json);
    }

    private static string Name(ClaimsPrincipal? user) => user?.Identity?.Name ?? "system";
}
