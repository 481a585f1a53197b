using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Rapporteur.Data.Migrations.Sqlite
{
    /// <summary>
    /// Search at scale (outside the EF model, like <c>SearchIndex</c>): the FTS5 table gains a third column,
    /// <c>Filter</c>, that indexes the permission and filter values of each document as tokens (<c>v0</c> visibility,
    /// <c>p12</c> Party id, <c>r3</c> round, <c>tparagraph</c> type, <c>len</c> language), read from a VIRTUAL generated
    /// column of <c>SearchDocuments</c>. A search then filters inside FTS5 (a doclist intersection) instead of joining
    /// every match. The triggers skip their work while the <c>bulk</c> row of <c>SearchState</c> exists: a full rebuild
    /// writes the documents without them and rebuilds the FTS5 index once at the end.
    /// </summary>
    [DbContext(typeof(RapporteurDbContext))]
    [Migration("20261207030000_search_FilterTokens")]
    public partial class search_FilterTokens : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // ---- custom SQL (search): carry over as is when regenerating migrations ----
            migrationBuilder.Sql("""
                DROP TRIGGER "SearchDocuments_Update";
                DROP TRIGGER "SearchDocuments_Delete";
                DROP TRIGGER "SearchDocuments_Insert";
                DROP TABLE "SearchIndex";
                ALTER TABLE "SearchDocuments" ADD COLUMN "Filter" TEXT GENERATED ALWAYS AS (
                    'v' || "Visibility" || ' p' || ifnull("PartyId", 0) || ' r' || "RoundNumber" || ' t' || "Type" || ' l' || "Language") VIRTUAL;
                CREATE VIRTUAL TABLE "SearchIndex" USING fts5(
                    "Title", "Text", "Filter",
                    content = 'SearchDocuments', content_rowid = 'Id',
                    tokenize = 'porter unicode61 remove_diacritics 2'
                );
                CREATE TRIGGER "SearchDocuments_Insert" AFTER INSERT ON "SearchDocuments"
                WHEN NOT EXISTS (SELECT 1 FROM "SearchState" WHERE "Key" = 'bulk') BEGIN
                    INSERT INTO "SearchIndex" (rowid, "Title", "Text", "Filter") VALUES (new."Id", new."Title", new."Text", new."Filter");
                END;
                CREATE TRIGGER "SearchDocuments_Delete" AFTER DELETE ON "SearchDocuments"
                WHEN NOT EXISTS (SELECT 1 FROM "SearchState" WHERE "Key" = 'bulk') BEGIN
                    INSERT INTO "SearchIndex" ("SearchIndex", rowid, "Title", "Text", "Filter") VALUES ('delete', old."Id", old."Title", old."Text", old."Filter");
                END;
                CREATE TRIGGER "SearchDocuments_Update" AFTER UPDATE ON "SearchDocuments"
                WHEN NOT EXISTS (SELECT 1 FROM "SearchState" WHERE "Key" = 'bulk') BEGIN
                    INSERT INTO "SearchIndex" ("SearchIndex", rowid, "Title", "Text", "Filter") VALUES ('delete', old."Id", old."Title", old."Text", old."Filter");
                    INSERT INTO "SearchIndex" (rowid, "Title", "Text", "Filter") VALUES (new."Id", new."Title", new."Text", new."Filter");
                END;
                INSERT INTO "SearchIndex" ("SearchIndex") VALUES ('rebuild');
                """);
            // ---- end of custom SQL ----
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER "SearchDocuments_Update";
                DROP TRIGGER "SearchDocuments_Delete";
                DROP TRIGGER "SearchDocuments_Insert";
                DROP TABLE "SearchIndex";
                ALTER TABLE "SearchDocuments" DROP COLUMN "Filter";
                CREATE VIRTUAL TABLE "SearchIndex" USING fts5(
                    "Title", "Text",
                    content = 'SearchDocuments', content_rowid = 'Id',
                    tokenize = 'porter unicode61 remove_diacritics 2'
                );
                CREATE TRIGGER "SearchDocuments_Insert" AFTER INSERT ON "SearchDocuments" BEGIN
                    INSERT INTO "SearchIndex" (rowid, "Title", "Text") VALUES (new."Id", new."Title", new."Text");
                END;
                CREATE TRIGGER "SearchDocuments_Delete" AFTER DELETE ON "SearchDocuments" BEGIN
                    INSERT INTO "SearchIndex" ("SearchIndex", rowid, "Title", "Text") VALUES ('delete', old."Id", old."Title", old."Text");
                END;
                CREATE TRIGGER "SearchDocuments_Update" AFTER UPDATE ON "SearchDocuments" BEGIN
                    INSERT INTO "SearchIndex" ("SearchIndex", rowid, "Title", "Text") VALUES ('delete', old."Id", old."Title", old."Text");
                    INSERT INTO "SearchIndex" (rowid, "Title", "Text") VALUES (new."Id", new."Title", new."Text");
                END;
                INSERT INTO "SearchIndex" ("SearchIndex") VALUES ('rebuild');
                """);
        }
    }
}
