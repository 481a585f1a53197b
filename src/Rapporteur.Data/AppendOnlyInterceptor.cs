using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Rapporteur.Data.Entities;

namespace Rapporteur.Data;

/// <summary>
/// The audit trail (<see cref="AuditEntry"/>, <see cref="ContentVersion"/>) is append-only: a save that would modify or
/// delete one of its rows throws before anything reaches the database. Raw SQL and <c>ExecuteUpdate</c>/<c>ExecuteDelete</c>
/// bypass EF's change tracker, so the database refuses them too: the <c>AppendOnlyAudit</c> migrations add triggers
/// that reject UPDATE and DELETE on both tables (SQLite and PostgreSQL).
/// </summary>
public sealed class AppendOnlyInterceptor : SaveChangesInterceptor
{
    public static AppendOnlyInterceptor Instance { get; } = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Check(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Check(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void Check(DbContext? context)
    {
        if (context is null) return;
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Modified or EntityState.Deleted)) continue;
            if (entry.Entity is AuditEntry or ContentVersion)
                throw new InvalidOperationException($"the audit trail is append-only: {entry.Metadata.ClrType.Name} rows cannot be {(entry.State == EntityState.Deleted ? "deleted" : "changed")}");
        }
    }
}
