using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Rapporteur.Data.Migrations.Postgres
{
    /// <summary>
    /// Search at scale (outside the EF model, like <c>SearchDocuments</c>): the order in which a search without words
    /// lists documents, as an index (a filter as wide as a whole body would otherwise sort a million rows for a page of 20).
    /// </summary>
    [DbContext(typeof(RapporteurDbContext))]
    [Migration("20261207063000_search_BrowseOrder")]
    public partial class search_BrowseOrder : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // ---- custom SQL (search): carry over as is when regenerating migrations ----
            migrationBuilder.Sql("""CREATE INDEX "IX_SearchDocuments_Browse" ON "SearchDocuments" ("Body", "RoundNumber", "Type", "Id");""");
            // ---- end of custom SQL ----
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP INDEX "IX_SearchDocuments_Browse";""");
        }
    }
}
