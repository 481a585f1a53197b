using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rapporteur.Data;
using Rapporteur.Data.Entities;
using Rapporteur.Features.Rounds;
using Rapporteur.Web;
using ReplyStatus = Rapporteur.Core.Model.ReplyStatus;

namespace Rapporteur.Features.Analysis;

/// <summary>The rapporteurs' view of one question: every Party's answer side by side (submitted replies; staff also
/// see drafts, marked), with the question's items and prompts, and the previous and next question one click away.</summary>
public sealed class CompilationModel(RapporteurDbContext db) : PageModel
{
    public sealed record PartyAnswer(string Party, string Status, string? Text, IReadOnlyList<ItemAnswer> Items);

    public Round Round { get; private set; } = null!;
    public Question Question { get; private set; } = null!;
    public string? Previous { get; private set; }
    public string? Next { get; private set; }
    public IReadOnlyList<string> Numbers { get; private set; } = [];
    public IReadOnlyList<PartyAnswer> Answers { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string body, int number, string? question, CancellationToken ct)
    {
        var round = await RoundQueries.FindAsync(db, body, number, ct);
        if (round is null || (round.Status == RoundStatus.Draft && !User.IsStaff())) return NotFound();
        var questions = await db.Questions.Where(q => q.RoundId == round.Id).OrderBy(q => q.Order).Include(q => q.Items).ToListAsync(ct);
        if (questions.Count == 0) return NotFound();
        var index = question is null ? 0 : questions.FindIndex(q => q.Number == question);
        if (index < 0) return NotFound();
        (Round, Question, Numbers) = (round, questions[index], questions.Select(q => q.Number).ToList());
        Previous = index > 0 ? questions[index - 1].Number : null;
        Next = index + 1 < questions.Count ? questions[index + 1].Number : null;
        var staff = User.IsStaff();
        var ownParty = User.PartyId();
        var replies = await db.Replies.Where(r => r.RoundId == round.Id && (r.Status == ReplyStatus.Submitted || staff || r.PartyId == ownParty))
            .Include(r => r.Party).Include(r => r.Answers.Where(a => a.QuestionId == Question.Id)).AsSplitQuery().ToListAsync(ct);
        Answers = replies.OrderBy(r => r.Party!.Name).Select(r =>
        {
            var a = r.Answers.SingleOrDefault();
            return new PartyAnswer(r.Party!.Name, r.Status == ReplyStatus.Submitted ? "submitted" : "draft", a?.Text, a?.ItemAnswers ?? []);
        }).ToList();
        return Page();
    }
}
