using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Rapporteur.Core.Model;
using Rapporteur.Data;
using Rapporteur.Data.Entities;
using Rapporteur.Features.Audit;
using Rapporteur.Features.Rounds;
using Rapporteur.Web;
using Box = Rapporteur.Data.Entities.Box;
using Factsheet = Rapporteur.Data.Entities.Factsheet;
using FactsheetBlock = Rapporteur.Data.Entities.FactsheetBlock;
using FactsheetChapter = Rapporteur.Data.Entities.FactsheetChapter;
using Party = Rapporteur.Data.Entities.Party;
using Recommendation = Rapporteur.Data.Entities.Recommendation;
using Rapporteur.Features.Languages;

namespace Rapporteur.Features.FollowUp;

/// <summary>How a box is kept in its versions.</summary>
public sealed record BoxSnapshot(string Party, string Type, IReadOnlyList<string> Recommendations, string Text, string Status);

/// <summary>
/// The compliance procedure's boxes: a Party's focal point reports follow-up actions and promising practices per
/// recommendation; the Secretariat adds clarification notes and publishes. A Party's box waits as a draft (visible to
/// that Party and the staff) until the Secretariat publishes it into the Party's factsheet, right after the
/// recommendation it follows. Every change is a version.
/// </summary>
public sealed class BoxEditor(RapporteurDbContext db, TimeProvider clock)
{
    public const string EntityType = "box";

    public sealed record PartyFollowUp(Round Round, Party Party, IReadOnlyList<Recommendation> Recommendations, IReadOnlyList<Box> Boxes);

    public static bool CanPropose(ClaimsPrincipal user, Party party) =>
        user.IsInRole(Roles.Administrator) || user.IsInRole(Roles.Secretariat) || (user.IsInRole(Roles.FocalPoint) && user.PartyId() == party.Id);

    public static bool CanPublish(ClaimsPrincipal user) => user.IsInRole(Roles.Administrator) || user.IsInRole(Roles.Secretariat);

    /// <summary>The recommendations a Party answers for and its boxes (drafts included: callers check who may see them).</summary>
    public async Task<PartyFollowUp?> FindAsync(string body, int number, string party, CancellationToken ct)
    {
        var round = await RoundQueries.FindAsync(db, body, number, ct);
        var stored = await db.Parties.SingleOrDefaultAsync(p => p.Name == party, ct);
        if (round is null || stored is null) return null;
        var recommendations = (await db.Recommendations.Where(r => r.RoundId == round.Id && (r.Addressee == AddresseeKind.All || r.PartyId == stored.Id)).ToListAsync(ct))
            .OrderBy(r => r.Code, RecommendationCodeComparer.Instance).ToList();
        var boxes = await db.Boxes.Where(b => db.Factsheets.Any(f => f.Id == b.FactsheetId && f.RoundId == round.Id && f.PartyId == stored.Id)).OrderBy(b => b.Id).ToListAsync(ct);
        return new PartyFollowUp(round, stored, recommendations, boxes);
    }

    public async Task<EditResult> ProposeAsync(ClaimsPrincipal user, string body, int number, string party, string code, BoxType type, string? text, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (await FindAsync(body, number, party, ct) is not { } found) return new(EditOutcome.NotFound, 0, Say.Format("There is no Party {0} or round {1} of {2}.", party, number, body));
        if (!CanPropose(user, found.Party)) return new(EditOutcome.Forbidden, 0, Say.Format("Only the focal point of {0} or the Secretariat add its boxes.", found.Party.Name));
        if (type == BoxType.ClarificationNote && !CanPublish(user)) return new(EditOutcome.Forbidden, 0, Say.Text("Clarification notes are the Secretariat's."));
        var recommendation = found.Recommendations.FirstOrDefault(r => r.Code == code);
        if (recommendation is null) return new(EditOutcome.Invalid, 0, Say.Format("Recommendation {0} is not addressed to {1} in round {2}.", code, found.Party.Name, number));
        var clean = RichText.Sanitize(text);
        if (clean.Length == 0) return new(EditOutcome.Invalid, 0, Say.Text("A box needs some text."));

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var factsheet = await FactsheetAsync(found.Round, found.Party, ct);
        var box = new Box
        {
            FactsheetId = factsheet.Id,
            Type = type,
            Chapter = recommendation.Chapter,
            Recommendations = [code],
            Text = clean,
            Status = PublicationStatus.Draft,
            AuthorName = user.Identity?.Name,
            UpdatedAt = clock.GetUtcNow(),
            Version = 1,
        };
        db.Boxes.Add(box);
        await db.SaveChangesAsync(ct);
        await AuditLog.VersionAsync(db, clock, user, EntityType, box.Id, "propose", Snapshot(box, found.Party), ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new(EditOutcome.Saved, box.Id);
    }

    /// <summary>Publishes a Party's box into its factsheet, after the recommendation it follows (and the boxes already there).</summary>
    public async Task<EditResult> PublishAsync(ClaimsPrincipal user, int boxId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!CanPublish(user)) return new(EditOutcome.Forbidden, 0, Say.Text("Only the Secretariat publishes boxes."));
        var box = await db.Boxes.SingleOrDefaultAsync(b => b.Id == boxId, ct);
        if (box is null) return new(EditOutcome.NotFound, 0, Say.Format("There is no box {0}.", boxId));
        if (box.Status == PublicationStatus.Published) return new(EditOutcome.Closed, box.Version, Say.Text("The box is already published."));
        var factsheet = await db.Factsheets.Include(f => f.Party).Include(f => f.Chapters).ThenInclude(c => c.Blocks).SingleAsync(f => f.Id == box.FactsheetId, ct);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var code = box.Recommendations.FirstOrDefault();
        var chapter = factsheet.Chapters.FirstOrDefault(c => c.Blocks.Any(b => code is not null && b.Recommendations.Contains(code)))
            ?? factsheet.Chapters.FirstOrDefault(c => c.Number == box.Chapter);
        if (chapter is null)
        {
            chapter = new FactsheetChapter { Number = box.Chapter ?? "—", Title = box.Chapter is null ? "Follow-up" : Say.Format("Chapter {0}", box.Chapter), Order = factsheet.Chapters.Count };
            factsheet.Chapters.Add(chapter);
        }
        var blocks = chapter.Blocks.OrderBy(b => b.Order).ToList();
        var at = blocks.FindLastIndex(b => b.Kind == BlockKind.Recommendation && code is not null && b.Recommendations.Contains(code));
        if (at < 0) at = blocks.Count - 1;
        else while (at + 1 < blocks.Count && blocks[at + 1].Kind == BlockKind.Box) at++;
        foreach (var later in blocks.Skip(at + 1)) later.Order++;
        chapter.Blocks.Add(new FactsheetBlock { Order = at + 1, Kind = BlockKind.Box, Text = box.Text, Recommendations = box.Recommendations.ToList(), Box = box });
        box.Status = PublicationStatus.Published;
        box.Version++;
        box.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        await AuditLog.VersionAsync(db, clock, user, EntityType, box.Id, "publish", Snapshot(box, factsheet.Party!), ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new(EditOutcome.Saved, box.Version);
    }

    /// <summary>Who may change a box's text: the Secretariat always; the Party's focal point while its box waits
    /// (follow-up and promising practices only: clarification notes are the Secretariat's).</summary>
    public static bool CanEdit(ClaimsPrincipal user, Box box, Party party)
    {
        ArgumentNullException.ThrowIfNull(box);
        return CanPublish(user) || (box.Status == PublicationStatus.Draft && box.Type != BoxType.ClarificationNote
            && user.IsInRole(Roles.FocalPoint) && user.PartyId() == party.Id);
    }

    /// <summary>Changes a box's text (in the factsheet too when published), as a new version; refused when the box
    /// changed since <paramref name="expectedVersion"/>.</summary>
    public Task<EditResult> EditAsync(ClaimsPrincipal user, int boxId, string? text, int expectedVersion, CancellationToken ct) =>
        ChangeAsync(user, boxId, null, text, expectedVersion, "edit", ct);

    /// <summary>Puts an old version's kind and text back, as a new version (the history keeps everything).</summary>
    public async Task<EditResult> RestoreAsync(ClaimsPrincipal user, int boxId, int version, CancellationToken ct)
    {
        var old = await db.ContentVersions.SingleOrDefaultAsync(v => v.EntityType == EntityType && v.EntityId == boxId && v.Version == version, ct);
        if (old is null || AuditLog.Read<BoxSnapshot>(old) is not { } snapshot) return new(EditOutcome.NotFound, 0, Say.Format("Box {0} has no version {1}.", boxId, version));
        var current = await db.Boxes.Where(b => b.Id == boxId).Select(b => (int?)b.Version).SingleOrDefaultAsync(ct);
        if (current is null) return new(EditOutcome.NotFound, 0, Say.Format("There is no box {0}.", boxId));
        return await ChangeAsync(user, boxId, Enum.Parse<BoxType>(snapshot.Type), snapshot.Text, current.Value, $"restore {version}", ct);
    }

    private async Task<EditResult> ChangeAsync(ClaimsPrincipal user, int boxId, BoxType? type, string? text, int expectedVersion, string action, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        var box = await db.Boxes.SingleOrDefaultAsync(b => b.Id == boxId, ct);
        if (box is null) return new(EditOutcome.NotFound, 0, Say.Format("There is no box {0}.", boxId));
        var party = await db.Factsheets.Where(f => f.Id == box.FactsheetId).Select(f => f.Party!).SingleAsync(ct);
        if (!CanEdit(user, box, party))
            return new(EditOutcome.Forbidden, box.Version, box.Status == PublicationStatus.Published
                ? Say.Text("Only the Secretariat changes a published box.")
                : Say.Format("Only the focal point of {0} or the Secretariat change this box.", party.Name));
        if (type == BoxType.ClarificationNote && !CanPublish(user)) return new(EditOutcome.Forbidden, box.Version, Say.Text("Clarification notes are the Secretariat's."));
        if (expectedVersion != box.Version)
            return new(EditOutcome.Conflict, box.Version, Say.Format("The box was changed by someone else since you opened it (version {0}, now {1}). Your text has not been saved; reload to see theirs.", expectedVersion, box.Version));
        var clean = RichText.Sanitize(text);
        if (clean.Length == 0) return new(EditOutcome.Invalid, box.Version, Say.Text("A box needs some text."));

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // An imported box has no version yet: keep what it said before the first change.
        if (!await db.ContentVersions.AnyAsync(v => v.EntityType == EntityType && v.EntityId == box.Id, ct))
            await AuditLog.VersionAsync(db, clock, null, EntityType, box.Id, "import", Snapshot(box, party), ct);
        box.Text = clean;
        if (type is { } t) box.Type = t;
        box.Version++;
        box.UpdatedAt = clock.GetUtcNow();
        // A published box is also a block of the factsheet: it says the same.
        foreach (var block in await db.FactsheetBlocks.Where(b => b.BoxId == box.Id).ToListAsync(ct)) block.Text = clean;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new(EditOutcome.Conflict, expectedVersion, Say.Text("The box was changed by someone else at the same moment; reload to see it."));
        }
        await AuditLog.VersionAsync(db, clock, user, EntityType, box.Id, action, Snapshot(box, party), ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new(EditOutcome.Saved, box.Version);
    }

    /// <summary>A box of the Party's factsheet in that round (drafts included: callers check who may see them).</summary>
    public async Task<(PartyFollowUp FollowUp, Box Box)?> FindBoxAsync(string body, int number, string party, int boxId, CancellationToken ct)
    {
        if (await FindAsync(body, number, party, ct) is not { } found) return null;
        return found.Boxes.FirstOrDefault(b => b.Id == boxId) is { } box ? (found, box) : null;
    }

    public Task<bool> IsFactsheetPublishedAsync(int factsheetId, CancellationToken ct) =>
        db.Factsheets.AnyAsync(f => f.Id == factsheetId && f.Status == PublicationStatus.Published, ct);

    /// <summary>New text for a box of the Party's factsheet (the API's write), with the same rules as the pages.</summary>
    public async Task<EditResult> UpdateAsync(ClaimsPrincipal user, string body, int number, string party, int boxId, int expectedVersion, string? text, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (await FindBoxAsync(body, number, party, boxId, ct) is not var (found, box)) return new(EditOutcome.NotFound, 0, Say.Format("{0} has no box {1} in round {2} of {3}.", party, boxId, number, body));
        if (!CanEdit(user, box, found.Party)) return new(EditOutcome.Forbidden, box.Version, Refusal(box, found.Party));
        return await EditAsync(user, boxId, text, expectedVersion, ct);
    }

    /// <summary>Removes a box (and its place in the factsheet) if <paramref name="expectedVersion"/> is still its version;
    /// the removal is kept as the box's last version.</summary>
    public async Task<EditResult> DeleteAsync(ClaimsPrincipal user, string body, int number, string party, int boxId, int expectedVersion, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (await FindBoxAsync(body, number, party, boxId, ct) is not var (found, box)) return new(EditOutcome.NotFound, 0, Say.Format("{0} has no box {1} in round {2} of {3}.", party, boxId, number, body));
        if (!CanEdit(user, box, found.Party)) return new(EditOutcome.Forbidden, box.Version, Refusal(box, found.Party));
        if (box.Version != expectedVersion)
            return new(EditOutcome.Conflict, box.Version, Say.Format("The box was changed by someone else (version {0}, now {1}); reload to see it.", expectedVersion, box.Version));

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.FactsheetBlocks.RemoveRange(await db.FactsheetBlocks.Where(b => b.BoxId == box.Id).ToListAsync(ct));
        db.Boxes.Remove(box);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new(EditOutcome.Conflict, expectedVersion, Say.Text("The box was changed by someone else at the same moment; reload to see it."));
        }
        await AuditLog.VersionAsync(db, clock, user, EntityType, boxId, "delete", Snapshot(box, found.Party) with { Status = "Deleted" }, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new(EditOutcome.Saved, box.Version);
    }

    private static string Refusal(Box box, Party party) =>
        box.Type == BoxType.ClarificationNote ? Say.Text("Clarification notes are the Secretariat's.")
        : box.Status == PublicationStatus.Published ? Say.Text("The box is published in the factsheet: only the Secretariat changes it now.")
        : Say.Format("Only the focal point of {0} or the Secretariat changes its boxes.", party.Name);

    /// <summary>The Party's factsheet for the round; a draft one is started when the Party reports before it exists.</summary>
    private async Task<Factsheet> FactsheetAsync(Round round, Party party, CancellationToken ct)
    {
        var factsheet = await db.Factsheets.SingleOrDefaultAsync(f => f.RoundId == round.Id && f.PartyId == party.Id, ct);
        if (factsheet is not null) return factsheet;
        factsheet = new Factsheet { RoundId = round.Id, PartyId = party.Id, Title = $"Factsheet — {party.Name}", Status = PublicationStatus.Draft };
        db.Factsheets.Add(factsheet);
        await db.SaveChangesAsync(ct);
        return factsheet;
    }

    private static BoxSnapshot Snapshot(Box box, Party party) => new(party.Name, box.Type.ToString(), box.Recommendations, box.Text, box.Status.ToString());
}
