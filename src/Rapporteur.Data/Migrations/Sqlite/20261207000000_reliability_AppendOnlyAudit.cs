using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Rapporteur.Data.Migrations.Sqlite
{
    /// <summary>
    /// The audit trail is append-only in the database too, whatever the client: triggers abort any UPDATE or DELETE on
    /// <c>AuditEntries</c> and <c>ContentVersions</c> (EF's <c>AppendOnlyInterceptor</c> stops tracked changes earlier
    /// with a clearer message). No change to the model, so no Designer file and no snapshot change.
    /// </summary>
    [DbContext(typeof(RapporteurDbContext))]
    [Migration("20261207000000_reliability_AppendOnlyAudit")]
    public partial class reliability_AppendOnlyAudit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // ---- BEGIN custom SQL (reliability): append-only audit triggers, SQLite. Carry over when regenerating. ----
            foreach (var table in Tables)
            {
                migrationBuilder.Sql($"""
                    CREATE TRIGGER "{table}_NoUpdate" BEFORE UPDATE ON "{table}"
                    BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only: {table} rows cannot be changed'); END;
                    """);
                migrationBuilder.Sql($"""
                    CREATE TRIGGER "{table}_NoDelete" BEFORE DELETE ON "{table}"
                    BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only: {table} rows cannot be deleted'); END;
                    """);
            }
            // ---- END custom SQL (reliability) ----
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var table in Tables)
            {
                migrationBuilder.Sql($"""DROP TRIGGER IF EXISTS "{table}_NoUpdate";""");
                migrationBuilder.Sql($"""DROP TRIGGER IF EXISTS "{table}_NoDelete";""");
            }
        }

        private static readonly string[] Tables = ["AuditEntries", "ContentVersions"];
    }
}
