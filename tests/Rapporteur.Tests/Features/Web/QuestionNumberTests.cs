using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rapporteur.Core.Import;
using Rapporteur.Core.Import.Replies;
using Rapporteur.Data.Entities;
using Rapporteur.Features.Rounds;
using Rapporteur.Tests.Support;
using Rapporteur.Web;

namespace Rapporteur.Tests.Features.Web;

/// <summary>The Secretariat's questionnaire takes the question numbers the reply importer reads (up to "1234.567"),
/// written as the importer writes them, and refuses the others with a message that says what a number looks like.</summary>
public sealed class QuestionNumberTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Uri U(string path) => new(path, UriKind.Relative);

    // Written for this test: a reply at the limits of the numbers the importer reads.
    private const string ReplyAtTheLimits = """
        Prevention

        Question 1234. Limits

        1234.1. Which rules apply to the first case?

        Rules of the first kind.

        1234.999. Which rules apply to the last case?

        Rules of the last kind.

        Question 7

        No rules yet.
        """;

    [Fact]
    public async Task AddQuestion_TakesTheImportersNumbers_AndRefusesOthersWithWhatANumberLooksLike()
    {
        await using var web = await WebApp.StartAsync();
        using var secretariat = await web.WithTokenAsync("secretariat@demo.test");
        object Question(string number) => new { section = "Limits", number, text = "Which rules apply?" };

        foreach (var number in new[] { "1234", "1234.567", "12.3", " 09.07 " })
            Assert.Equal(HttpStatusCode.NoContent, (await secretariat.PostAsJsonAsync(U("/api/v1/rounds/Lanzarote/3/questions"), Question(number), Ct)).StatusCode);
        foreach (var number in new[] { "12345", "12.3.4", "1.1000", "9.0", "9.", "one", "" })
        {
            using var refused = await secretariat.PostAsJsonAsync(U("/api/v1/rounds/Lanzarote/3/questions"), Question(number), Ct);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
            var detail = (await refused.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString();
            Assert.Contains($"'{number}' is not a question number", detail, StringComparison.Ordinal);
            Assert.Contains("1 to 4 digits, optionally followed by a dot and 1 to 3 digits", detail, StringComparison.Ordinal);
        }

        await using var db = web.Store.CreateContext();
        var round = await db.Rounds.SingleAsync(r => r.Number == 3, Ct);
        var section = await db.Sections.SingleAsync(s => s.RoundId == round.Id && s.Name == "Limits", Ct);
        var stored = await db.Questions.Where(q => q.SectionId == section.Id).Select(q => q.Number).ToListAsync(Ct);
        // Written as the importer writes them: "09.07" is question 9.7, which a reply's "9.7." finds.
        Assert.Equal(["12.3", "1234", "1234.567", "9.7"], stored.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ImportQuestionnaire_AtTheImportersLimits_AddsEveryQuestion()
    {
        var parsed = DocumentImporter.Default.ImportText("reply.txt", ReplyAtTheLimits, new ImportOptions { Kind = DocumentKind.Reply, Party = new Core.Model.Party("Ruritania"), Round = 3 });
        Assert.True(parsed.Success, parsed.Error?.ToString());
        var numbers = parsed.Value!.Questionnaire!.Sections.SelectMany(s => s.Questions).Select(q => q.Number).ToList();
        Assert.Equal(["1234.1", "1234.999", "7"], numbers);
        Assert.All(numbers, n => Assert.True(QuestionNumbers.TryNormalize(n, out var same) && same == n, n));

        await using var web = await WebApp.StartAsync();
        await using var scope = web.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Rapporteur.Data.RapporteurDbContext>();
        var round = await db.Rounds.SingleAsync(r => r.Number == 3, Ct);
        var secretariat = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "secretariat@demo.test"), new Claim(ClaimTypes.Role, Roles.Secretariat)], "test"));
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(ReplyAtTheLimits));
        var (result, _) = await scope.ServiceProvider.GetRequiredService<RoundAdmin>().ImportQuestionnaireAsync(secretariat, round, stream, "questionnaire.txt", Ct);
        Assert.Equal(EditOutcome.Saved, result.Outcome);
        Assert.Equal(3, result.Version);
    }
}
