using Microsoft.EntityFrameworkCore;
using Rapporteur.Data;
using Rapporteur.Data.Entities;
using Rapporteur.Tests.Support;

namespace Rapporteur.Tests.Features.Reliability;

/// <summary>The audit trail cannot be changed or deleted: not through EF (the interceptor), not with raw SQL or bulk
/// updates (the database's triggers), on SQLite and PostgreSQL.</summary>
public sealed class AuditAppendOnlyTests(PostgresCluster postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task SeedAsync(DataStore store)
    {
        await using var db = store.CreateContext();
        db.AuditEntries.Add(new AuditEntry { At = DateTimeOffset.UnixEpoch, UserName = "someone", Action = "signin", Detail = "someone@example.org" });
        db.ContentVersions.Add(new ContentVersion { EntityType = "reply", EntityId = 1, Version = 1, Action = "save", UserName = "someone", At = DateTimeOffset.UnixEpoch, Snapshot = "{}" });
        await db.SaveChangesAsync(Ct);
    }

    [Fact]
    public async Task Audit_ChangeOrDeleteThroughEf_IsRefused()
    {
        var store = await TestData.NewStoreAsync();
        await SeedAsync(store);

        await using (var db = store.CreateContext())
        {
            (await db.AuditEntries.SingleAsync(Ct)).Detail = "nobody";
            var e = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync(Ct));
            Assert.Contains("append-only", e.Message, StringComparison.Ordinal);
        }
        await using (var db = store.CreateContext())
        {
            db.ContentVersions.Remove(await db.ContentVersions.SingleAsync(Ct));
            Assert.Throws<InvalidOperationException>(() => db.SaveChanges());
        }
        await using (var db = store.CreateContext())
        {
            Assert.Equal("someone@example.org", (await db.AuditEntries.SingleAsync(Ct)).Detail);
            Assert.Equal(1, await db.ContentVersions.CountAsync(Ct));
        }
    }

    [Fact]
    public async Task Audit_ChangeOrDeleteWithSql_IsRefusedByTheDatabase_Sqlite() => await RawSqlIsRefusedAsync(await TestData.NewStoreAsync());

    [Fact]
    public async Task Audit_ChangeOrDeleteWithSql_IsRefusedByTheDatabase_Postgres() => await RawSqlIsRefusedAsync(await postgres.NewStoreAsync());

    private static async Task RawSqlIsRefusedAsync(DataStore store)
    {
        await SeedAsync(store);
        await using var db = store.CreateContext();
        foreach (var table in (string[])["AuditEntries", "ContentVersions"])
        {
            var updateSql = "UPDATE \"" + table + "\" SET \"UserName\" = 'nobody'";
            var deleteSql = "DELETE FROM \"" + table + "\"";
            var update = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => db.Database.ExecuteSqlRawAsync(updateSql, Ct));
            Assert.Contains("append-only", update.Message, StringComparison.Ordinal);
            var delete = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => db.Database.ExecuteSqlRawAsync(deleteSql, Ct));
            Assert.Contains("append-only", delete.Message, StringComparison.Ordinal);
        }
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => db.AuditEntries.ExecuteDeleteAsync(Ct));
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => db.ContentVersions.ExecuteUpdateAsync(s => s.SetProperty(v => v.Snapshot, "{}x"), Ct));
        if (store.Provider == DataProvider.Postgres)
            await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => db.Database.ExecuteSqlRawAsync("TRUNCATE \"AuditEntries\"", Ct));
        Assert.Equal(1, await db.AuditEntries.CountAsync(Ct));
        Assert.Equal("someone", (await db.ContentVersions.SingleAsync(Ct)).UserName);
        // Appending still works.
        db.AuditEntries.Add(new AuditEntry { At = DateTimeOffset.UnixEpoch, UserName = "someone", Action = "signout", Detail = "" });
        await db.SaveChangesAsync(Ct);
        Assert.Equal(2, await db.AuditEntries.CountAsync(Ct));
    }

    [Fact]
    public async Task Audit_RecordsRoleGrantsSignInsSignOutsAndImports()
    {
        await using var web = await WebApp.StartAsync();
        using var client = await web.SignedInAsync("secretariat@demo.test");
        var form = await WebApp.FormAsync(client, "/");
        var logout = await client.PostAsync(new Uri("/account/logout", UriKind.Relative), new FormUrlEncodedContent(form.Where(f => f.Key == "__RequestVerificationToken")), Ct);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, logout.StatusCode);
        var import = RapporteurProcess.Run("import", TestData.Fixture("replies/freedonia-reply.txt"), "--data", web.Store.Directory, "--round", "2", "--party", "Freedonia");

        await using var db = web.Store.CreateContext();
        var actions = await db.AuditEntries.Select(a => a.Action + " " + a.Detail).ToListAsync(Ct);
        Assert.Contains(actions, a => a.StartsWith("role.grant secretariat@demo.test: ", StringComparison.Ordinal));
        Assert.Contains(actions, a => a.StartsWith("signin secretariat@demo.test", StringComparison.Ordinal));
        Assert.Contains(actions, a => a.StartsWith("signout secretariat@demo.test", StringComparison.Ordinal));
        Assert.True(import.Code == 0, import.Err);
        Assert.Contains(actions, a => a.StartsWith("import ", StringComparison.Ordinal) && a.Contains("freedonia-reply.txt", StringComparison.Ordinal));
    }
}
