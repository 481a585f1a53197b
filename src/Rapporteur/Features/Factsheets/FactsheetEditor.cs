using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Rapporteur.Core.Model;
using Rapporteur.Data;
using Rapporteur.Data.Entities;
using Rapporteur.Features.Audit;
using Rapporteur.Features.Rounds;
using Rapporteur.Web;
using Factsheet = Rapporteur.Data.Entities.Factsheet;
using FactsheetBlock = Rapporteur.Data.Entities.FactsheetBlock;
using Rapporteur.Features.Languages;

namespace Rapporteur.Features.Factsheets;

/// <summary>How a factsheet is kept in its versions: its text, one line per heading, paragraph, recommendation and box.</summary>
public sealed record FactsheetSnapshot(string Party, string Title, string Status, IReadOnlyList<string> Text);

/// <summary>
/// The Secretariat writes a Party's factsheet: the Committee's observations around the recommendations (add, edit,
/// move, remove paragraphs and sub-headings), then publishes it. Recommendations come from the report and boxes from
/// the follow-up, so their text is not edited here. Every change is a new version of the whole factsheet (who, when,
/// what) and is refused when the factsheet changed since the page was opened.
/// </summary>
public sealed class FactsheetEditor(RapporteurDbContext db, TimeProvider clock)
{
    public const string EntityType = "factsheet";

    /// <summary>The kinds of block that are the Committee's own text, written here.</summary>
    public static bool IsCommitteeText(BlockKind kind) => kind is BlockKind.Paragraph or BlockKind.Heading or BlockKind.LeadIn or BlockKind.CommitteePromisingPractice;

    public static bool CanEdit(ClaimsPrincipal user) => RoundAdmin.CanManage(user);

    /// <summary>A Party's factsheet in a round with its chapters and blocks in order (boxes included), or null.</summary>
    public async Task<Factsheet?> FindAsync(string body, int number, string party, CancellationToken ct)
    {
        var round = await RoundQueries.FindAsync(db, body, number, ct);
        if (round is null) return null;
        return await db.Factsheets.Where(f => f.RoundId == round.Id && f.Party!.Name == party)
            .Include(f => f.Party).Include(f => f.Round).ThenInclude(r => r!.Body)
            .Include(f => f.Chapters.OrderBy(c => c.Order)).ThenInclude(c => c.Blocks.OrderBy(b => b.Order)).ThenInclude(b => b.Box)
            .AsSplitQuery().SingleOrDefaultAsync(ct);
    }

    public Task<EditResult> SaveBlockAsync(ClaimsPrincipal user, string body, int number, string party, int expectedVersion, int blockId, string? text, CancellationToken ct) =>
        ChangeAsync(user, body, number, party, expectedVersion, "edit", f =>
        {
            if (Block(f, blockId) is not { } block) return Say.Format("The factsheet has no paragraph {0}.", blockId);
            if (!IsCommitteeText(block.Kind)) return Say.Text("Recommendations come from the report and boxes from the follow-up: they are not edited here.");
            if (Clean(text) is not { } clean) return Say.Text("A paragraph needs some text (remove it instead).");
            block.Text = clean;
            return null;
        }, ct);

    /// <summary>Adds a paragraph (or sub-heading) to a chapter, after <paramref name="afterBlockId"/> or at its end.</summary>
    public Task<EditResult> AddBlockAsync(ClaimsPrincipal user, string body, int number, string party, int expectedVersion, int chapterId, int? afterBlockId,
        BlockKind kind, string? text, CancellationToken ct) =>
        ChangeAsync(user, body, number, party, expectedVersion, "add", f =>
        {
            var chapter = f.Chapters.FirstOrDefault(c => c.Id == chapterId);
            if (chapter is null) return Say.Format("The factsheet has no chapter {0}.", chapterId);
            if (kind is not (BlockKind.Paragraph or BlockKind.Heading)) return Say.Text("Add a paragraph or a sub-heading.");
            if (Clean(text) is not { } clean) return Say.Text("A paragraph needs some text.");
            var blocks = chapter.Blocks.OrderBy(b => b.Order).ToList();
            var at = afterBlockId is { } after ? blocks.FindIndex(b => b.Id == after) + 1 : blocks.Count;
            if (afterBlockId is not null && at == 0) return Say.Format("Chapter {0} has no paragraph {1}.", chapter.Number, afterBlockId);
            var block = new FactsheetBlock { Kind = kind, Text = clean };
            blocks.Insert(at, block);
            chapter.Blocks.Add(block);
            Renumber(blocks);
            return null;
        }, ct);

    public Task<EditResult> DeleteBlockAsync(ClaimsPrincipal user, string body, int number, string party, int expectedVersion, int blockId, CancellationToken ct) =>
        ChangeAsync(user, body, number, party, expectedVersion, "remove", f =>
        {
            if (Block(f, blockId) is not { } block) return Say.Format("The factsheet has no paragraph {0}.", blockId);
            if (!IsCommitteeText(block.Kind)) return Say.Text("Recommendations and boxes are not removed here.");
            var chapter = f.Chapters.Single(c => c.Blocks.Contains(block));
            chapter.Blocks.Remove(block);
            db.FactsheetBlocks.Remove(block);
            Renumber(chapter.Blocks.OrderBy(b => b.Order).ToList());
            return null;
        }, ct);

    /// <summary>Moves a block one place up (<paramref name="by"/> = -1) or down (+1) in its chapter.</summary>
    public Task<EditResult> MoveBlockAsync(ClaimsPrincipal user, string body, int number, string party, int expectedVersion, int blockId, int by, CancellationToken ct) =>
        ChangeAsync(user, body, number, party, expectedVersion, "move", f =>
        {
            if (Block(f, blockId) is not { } block) return Say.Format("The factsheet has no paragraph {0}.", blockId);
            var blocks = f.Chapters.Single(c => c.Blocks.Contains(block)).Blocks.OrderBy(b => b.Order).ToList();
            var from = blocks.IndexOf(block);
            var to = from + Math.Sign(by);
            if (to < 0 || to >= blocks.Count) return by < 0 ? Say.Text("The paragraph is already the first of its chapter.") : Say.Text("The paragraph is already the last of its chapter.");
            (blocks[from], blocks[to]) = (blocks[to], blocks[from]);
            Renumber(blocks);
            return null;
        }, ct);

    /// <summary>Makes the factsheet public (a version "publish").</summary>
    public Task<EditResult> PublishAsync(ClaimsPrincipal user, string body, int number, string party, int expectedVersion, CancellationToken ct) =>
        ChangeAsync(user, body, number, party, expectedVersion, "publish", f =>
        {
            if (f.Status == PublicationStatus.Published) return Say.Text("The factsheet is already published.");
            f.Status = PublicationStatus.Published;
            return null;
        }, ct);

    /// <summary>The versions of a factsheet, newest first.</summary>
    public Task<List<ContentVersion>> HistoryAsync(int factsheetId, CancellationToken ct) =>
        db.ContentVersions.Where(v => v.EntityType == EntityType && v.EntityId == factsheetId).OrderByDescending(v => v.Version).ToListAsync(ct);

    private async Task<EditResult> ChangeAsync(ClaimsPrincipal user, string body, int number, string party, int expectedVersion, string action,
        Func<Factsheet, string?> change, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!CanEdit(user)) return new(EditOutcome.Forbidden, 0, Say.Text("Only the Secretariat writes factsheets."));
        var factsheet = await FindAsync(body, number, party, ct);
        if (factsheet is null) return new(EditOutcome.NotFound, 0, Say.Format("{0} has no factsheet for round {1} of {2}.", party, number, body));
        if (expectedVersion != factsheet.Version)
            return new(EditOutcome.Conflict, factsheet.Version, Say.Format("The factsheet was changed by someone else since you opened it (version {0}, now {1}). Nothing was saved; reload to see the changes.", expectedVersion, factsheet.Version));

        var before = Snapshot(factsheet);
        if (change(factsheet) is { } refusal) return new(EditOutcome.Invalid, factsheet.Version, refusal);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // A factsheet that was imported or generated has no version yet: keep what it said before the first change.
        if (!await db.ContentVersions.AnyAsync(v => v.EntityType == EntityType && v.EntityId == factsheet.Id, ct))
            await AuditLog.VersionAsync(db, clock, null, EntityType, factsheet.Id, "before", before, ct);
        factsheet.Version++;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new(EditOutcome.Conflict, expectedVersion, Say.Text("The factsheet was changed by someone else at the same moment; reload to see it."));
        }
        await AuditLog.VersionAsync(db, clock, user, EntityType, factsheet.Id, action, Snapshot(factsheet), ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new(EditOutcome.Saved, factsheet.Version);
    }

    private static FactsheetBlock? Block(Factsheet f, int id) => f.Chapters.SelectMany(c => c.Blocks).FirstOrDefault(b => b.Id == id);

    private static void Renumber(List<FactsheetBlock> blocks)
    {
        for (var i = 0; i < blocks.Count; i++) blocks[i].Order = i;
    }

    /// <summary>Plain text (the factsheet shows it as written, line breaks kept), or null when empty.</summary>
    private static string? Clean(string? text)
    {
        var clean = (text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        return clean.Length == 0 ? null : clean.Normalize();
    }

    private static FactsheetSnapshot Snapshot(Factsheet f)
    {
        var lines = new List<string>();
        foreach (var c in f.Chapters.OrderBy(c => c.Order))
        {
            lines.Add($"== {c.Number}. {c.Title}");
            foreach (var b in c.Blocks.OrderBy(b => b.Order))
            {
                var label = b.Kind switch
                {
                    BlockKind.Recommendation => $"[recommendation {string.Join(", ", b.Recommendations)}] ",
                    BlockKind.Box => $"[{b.Box?.Type.ToString() ?? "box"}] ",
                    BlockKind.Heading => "### ",
                    _ => "",
                };
                lines.AddRange((label + b.Text).Split('\n'));
            }
        }
        return new FactsheetSnapshot(f.Party!.Name, f.Title, f.Status.ToString(), lines);
    }
}
