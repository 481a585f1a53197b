using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Rapporteur.Core.Model;
using Recommendation = Rapporteur.Data.Entities.Recommendation;
using Rapporteur.Data.Entities;
using Rapporteur.Features.Compliance;
using Rapporteur.Tests.Support;

namespace Rapporteur.Tests.Features.Web;

/// <summary>A large compliance matrix is shown one chapter at a time, with links to the others and to the whole.</summary>
public sealed class MatrixPagingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Uri U(string path) => new(path, UriKind.Relative);

    [Fact]
    public async Task MatrixPage_AboveThePagingSize_ShowsOneChapterWithLinksToTheOthers()
    {
        await using var web = await WebApp.StartAsync();
        int perChapter;
        await using (var db = web.Store.CreateContext())
        {
            var body = await db.Bodies.SingleAsync(Ct);
            var parties = await db.Parties.CountAsync(Ct);
            // Two chapters whose cells together pass the paging size.
            perChapter = MatrixModel.ChapterPagingAboveCells / parties / 2 + 1;
            var round = new Round
            {
                BodyId = body.Id, Number = 4, Theme = "Large", TitleEn = "A large round", Opens = new DateOnly(2027, 1, 1),
                ReplyDeadline = new DateOnly(2027, 6, 30), Status = RoundStatus.Closed,
            };
            db.Rounds.Add(round);
            await db.SaveChangesAsync(Ct);
            db.Recommendations.AddRange(new[] { "II", "III" }.SelectMany(chapter => Enumerable.Range(1, perChapter).Select(i => new Recommendation
            {
                RoundId = round.Id, Code = string.Create(CultureInfo.InvariantCulture, $"{chapter}-{i}"), Chapter = chapter, Strength = "request",
                Addressee = AddresseeKind.All, Text = "The Committee asks the Parties to act.",
            })));
            await db.SaveChangesAsync(Ct);
        }
        using var client = web.Client();

        var first = await client.GetStringAsync(U("/rounds/Lanzarote/4/matrix"), Ct);
        Assert.Contains($"Chapter II: {perChapter} of {2 * perChapter} recommendations", first, StringComparison.Ordinal);
        Assert.Contains(">II-1</a>", first, StringComparison.Ordinal);
        Assert.DoesNotContain(">III-1</a>", first, StringComparison.Ordinal);
        Assert.Contains("href=\"/rounds/Lanzarote/4/matrix?Chapter=III\"", first, StringComparison.Ordinal);
        Assert.Contains("href=\"/rounds/Lanzarote/4/matrix?All=true\"", first, StringComparison.Ordinal);
        Assert.Contains("href=\"recommendations/II-1#party-Ruritania\"", first, StringComparison.Ordinal); // relative: shorter cells

        // Another chapter keeps the other filters; the whole matrix has every row.
        var third = await client.GetStringAsync(U("/rounds/Lanzarote/4/matrix?Chapter=III&Strength=request"), Ct);
        Assert.Contains(">III-1</a>", third, StringComparison.Ordinal);
        Assert.DoesNotContain(">II-1</a>", third, StringComparison.Ordinal);
        var whole = await client.GetStringAsync(U("/rounds/Lanzarote/4/matrix?All=true"), Ct);
        Assert.Contains(">II-1</a>", whole, StringComparison.Ordinal);
        Assert.Contains(">III-1</a>", whole, StringComparison.Ordinal);
        Assert.DoesNotContain("one chapter at a time", whole, StringComparison.Ordinal);

        // The demo round is small: all of it on one page.
        Assert.DoesNotContain("one chapter at a time", await client.GetStringAsync(U("/rounds/Lanzarote/3/matrix"), Ct), StringComparison.Ordinal);
    }
}
