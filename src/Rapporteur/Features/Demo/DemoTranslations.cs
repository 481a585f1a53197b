using Microsoft.EntityFrameworkCore;
using Rapporteur.Data;
using Rapporteur.Data.Entities;
using Rapporteur.Features.Audit;
using Rapporteur.Features.Translations;

namespace Rapporteur.Features.Demo;

/// <summary>French versions of part of the demo round, written for the demo: Ruritania's factsheet (title, preamble,
/// chapter titles, the Committee's text, its recommendations, the follow-up boxes and the notes), three recommendations,
/// two questions, question 3's items and question 1.2's prompt; and
/// one outdated translation (II-3, translated before its English text gained "and volunteers, written with
/// children").</summary>
internal static class DemoTranslations
{
    private const string Translator = "secretariat@demo.test";

    /// <summary>English text → French text. Whatever in the demo round reads exactly like a key gets that French.</summary>
    private static readonly Dictionary<string, string> French = new(StringComparer.Ordinal)
    {
        ["Safe recruitment"] = "Recrutement sûr",
        ["Reporting and support"] = "Signalement et soutien",
        ["Investigation and prosecution"] = "Enquêtes et poursuites",
        ["Observations and recommendations of the Committee specific to Ruritania"] = "Observations et recommandations du Comité propres à la Ruritanie",
        ["The Committee observes that Ruritania has taken several of the measures this chapter looks at."] =
            "Le Comité constate que la Ruritanie a pris plusieurs des mesures examinées dans ce chapitre.",
        ["The Committee requires all Parties to ensure that the criminal record of every person who works with children in sport, paid or volunteer, is checked before they start."] =
            "Le Comité exige que toutes les Parties veillent à ce que le casier judiciaire de toute personne qui travaille avec des enfants dans le sport, rémunérée ou bénévole, soit vérifié avant son entrée en fonction.",
        ["The Committee requests Ruritania to repeat criminal record checks of coaches at regular intervals."] =
            "Le Comité demande à la Ruritanie de renouveler à intervalles réguliers la vérification du casier judiciaire des entraîneurs.",
        ["The Committee requires all Parties to make sure that children can report abuse in sport to a body independent of their club."] =
            "Le Comité exige que toutes les Parties s'assurent que les enfants peuvent signaler des abus dans le sport à un organe indépendant de leur club.",
        ["A law adopted in March 2026 extends the checks to volunteers. The regulations that apply it are being drafted."] =
            "Une loi adoptée en mars 2026 étend les vérifications aux bénévoles. Les règlements d'application sont en cours de rédaction.",
        ["Can children and adults report concerns about abuse in sport to a body independent of the club?"] =
            "Les enfants et les adultes peuvent-ils signaler des soupçons d'abus dans le sport à un organe indépendant du club ?",
        ["What support is offered to children who report abuse in a sport or leisure setting?"] =
            "Quel soutien est proposé aux enfants qui signalent des abus dans le cadre d'une activité sportive ou de loisirs ?",
        ["in the police?"] = "dans la police ?",
        ["in the prosecution service?"] = "au sein du ministère public ?",
        ["→ Please specify who publishes the guidance and how clubs are told about it."] =
            "→ Veuillez préciser qui publie les lignes directrices et comment les clubs en sont informés.",
        ["Factsheet – Ruritania"] = "Fiche d'information – Ruritanie",
        ["This factsheet sums up the Committee's findings on Ruritania in its third monitoring round.\n\nOrange boxes hold the Party's follow-up; blue boxes its promising practices."] =
            "Cette fiche résume les constats du Comité sur la Ruritanie lors de son troisième cycle de suivi.\n\nLes encadrés orange contiennent le suivi de la Partie ; les encadrés bleus ses pratiques prometteuses.",
    };

    /// <summary>II-3 as it read when it was translated; it has changed since, so its translation shows as outdated.</summary>
    private const string OldInviteText = "The Committee invites all Parties to publish a model code of conduct for coaches.";
    private const string OldInviteFrench = "Le Comité invite toutes les Parties à publier un code de conduite type pour les entraîneurs.";

    public static async Task AddAsync(RapporteurDbContext db, Round round, TimeProvider clock, CancellationToken ct)
    {
        var at = clock.GetUtcNow();
        var added = new List<Translation>();

        void Add(string kind, int id, string source, string? french = null, string? from = null)
        {
            if (french is null && !French.TryGetValue(source, out french)) return;
            var made = from ?? source;
            added.Add(new Translation
            {
                TargetKind = kind, TargetId = id, Language = "fr", Text = french, SourceText = made, SourceHash = TranslationStore.Hash(made),
                Version = 1, TranslatorName = Translator, TranslatedAt = at,
            });
        }

        var ruritania = await db.Factsheets.Where(f => f.RoundId == round.Id && f.Party!.Name == "Ruritania")
            .Include(f => f.Chapters).ThenInclude(c => c.Blocks).ThenInclude(b => b.Box).Include(f => f.Footnotes).AsSplitQuery().SingleAsync(ct);
        Add(TranslationTargets.FactsheetTitle, ruritania.Id, ruritania.Title);
        Add(TranslationTargets.Preamble, ruritania.Id, TranslationTargets.Joined(TranslationTargets.Preamble, ruritania.Preamble));
        // The notes cite paragraphs ("Paras. 13, 14.") and recommendations ("Recommendation II-1."): said the French way.
        foreach (var n in ruritania.Footnotes)
            Add(TranslationTargets.Footnote, n.Id, n.Text, n.Text.Replace("Paras. ", "Par. ", StringComparison.Ordinal).Replace("Recommendation ", "Recommandation ", StringComparison.Ordinal));
        foreach (var c in ruritania.Chapters)
        {
            Add(TranslationTargets.Chapter, c.Id, c.Title);
            foreach (var b in c.Blocks)
            {
                if (b.Box is { } box) Add(TranslationTargets.Box, box.Id, box.Text);
                else Add(TranslationTargets.Block, b.Id, b.Text);
            }
        }
        foreach (var r in await db.Recommendations.Where(r => r.RoundId == round.Id).ToListAsync(ct))
        {
            if (r.Code == "II-3") Add(TranslationTargets.Recommendation, r.Id, r.Text, OldInviteFrench, OldInviteText);
            else Add(TranslationTargets.Recommendation, r.Id, r.Text);
        }
        foreach (var q in await db.Questions.Where(q => q.RoundId == round.Id).Include(q => q.Items).ToListAsync(ct))
        {
            Add(TranslationTargets.Question, q.Id, q.Text);
            foreach (var i in q.Items) Add(TranslationTargets.Item, i.Id, i.Text);
            if (q.Prompts.Count > 0) Add(TranslationTargets.Prompts, q.Id, TranslationTargets.Joined(TranslationTargets.Prompts, q.Prompts));
        }

        db.Translations.AddRange(added);
        await db.SaveChangesAsync(ct);
        foreach (var t in added)
            await AuditLog.VersionAsync(db, clock, null, TranslationStore.EntityType, t.Id, "translate",
                new { t.TargetKind, t.TargetId, t.Language, t.Text, Source = t.SourceText }, ct);
        await db.SaveChangesAsync(ct);
    }
}
