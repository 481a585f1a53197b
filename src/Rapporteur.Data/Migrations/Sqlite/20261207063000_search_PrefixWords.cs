using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Rapporteur.Data.Migrations.Sqlite
{
    /// <summary>
    /// Search at scale (outside the EF model, like <c>SearchIndex</c>): <c>SearchWords</c>, every word of the indexed
    /// titles and texts, folded (lower case, no diacritics), so that a prefix query (<c>traffick*</c>) becomes the OR
    /// of the words it stands for (see <c>SearchWords</c> in Rapporteur.Data/Search). The search index is rebuilt at
    /// the next start, which fills it. And the order in which a search without words lists documents, as an index
    /// (a filter as wide as a whole body would otherwise sort a million rows for a page of 20).
    /// </summary>
    [DbContext(typeof(RapporteurDbContext))]
    [Migration("20261207063000_search_PrefixWords")]
    public partial class search_PrefixWords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // ---- custom SQL (search): carry over as is when regenerating migrations ----
            migrationBuilder.Sql("""
                CREATE TABLE "SearchWords" ("Word" TEXT NOT NULL PRIMARY KEY) WITHOUT ROWID;
                CREATE INDEX "IX_SearchDocuments_Browse" ON "SearchDocuments" ("Body", "RoundNumber", "Type", "Id");
                INSERT OR REPLACE INTO "SearchState" ("Key", "Value") VALUES ('rebuild', '1');
                """);
            // ---- end of custom SQL ----
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TABLE "SearchWords";
                DROP INDEX "IX_SearchDocuments_Browse";
                DELETE FROM "SearchState" WHERE "Key" = 'words';
                """);
        }
    }
}
