using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Rapporteur.Core.Import;
using Rapporteur.Core.Model;
using Rapporteur.Data.Entities;
using Rapporteur.Web;
using Party = Rapporteur.Data.Entities.Party;
using Reply = Rapporteur.Data.Entities.Reply;
using Section = Rapporteur.Data.Entities.Section;
using Rapporteur.Features.Languages;

namespace Rapporteur.Features.Replies;

/// <summary>A Party's reply in the making: its focal point answers per question and item, saves drafts, imports an
/// existing document into the draft, and submits. Staff read drafts here; other Parties never see them.</summary>
/// <remarks>The request size limit comes from <see cref="ReplyAttachmentsSetup"/> (the larger of an imported document
/// and an attachment).</remarks>
[Authorize(Policy = Policies.SignedIn)]
public sealed class EditModel(ReplyEditor editor, ReplyAttachments attachments) : PageModel
{
    public Round Round { get; private set; } = null!;
    public Party Party { get; private set; } = null!;
    public Reply? Reply { get; private set; }
    public IReadOnlyList<Section> Sections { get; private set; } = [];
    public bool CanEdit { get; private set; }
    public int Version { get; private set; }

    /// <summary>What the form shows: the stored answers, or what the person typed when a save was refused.</summary>
    public IReadOnlyDictionary<string, string> Values { get; private set; } = new Dictionary<string, string>(StringComparer.Ordinal);
    public string? Message { get; private set; }
    public string? Error { get; private set; }
    public IReadOnlyList<ParseWarning> Warnings { get; private set; } = [];

    /// <summary>The files attached to the reply, and whether they may change now.</summary>
    public IReadOnlyList<ReplyAttachment> Attachments { get; private set; } = [];
    public bool CanAttach { get; private set; }

    /// <summary>The Secretariat may send a submitted reply back to its Party.</summary>
    public bool CanReopen { get; private set; }
    public long MaxAttachmentBytes => attachments.MaxBytes;

    public async Task<IActionResult> OnGetAsync(string body, int number, string party, string? saved, CancellationToken ct)
    {
        if (await LoadAsync(body, number, party, ct) is { } denied) return denied;
        Message = saved switch
        {
            "draft" => Say.Text("Draft saved."),
            "submitted" => Say.Text("Reply submitted. Thank you."),
            "attached" => Say.Text("File attached."),
            "removed" => Say.Text("File removed."),
            "reopened" => Say.Text("The reply is a draft again; its focal points have been notified."),
            _ => null,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string body, int number, string party, int version, string? action,
        [FromForm] Dictionary<string, string> answers, CancellationToken ct)
    {
        var submit = action == "submit";
        var result = await editor.SaveAsync(User, body, number, party, version, ToInputs(answers), submit, ct);
        if (result.Outcome == EditOutcome.Saved) return RedirectToPage(new { body, number, party, saved = submit ? "submitted" : "draft" });
        if (await LoadAsync(body, number, party, ct) is { } denied) return denied;
        // Keep what the person typed: a refused save never loses their text.
        Values = new Dictionary<string, string>(answers, StringComparer.Ordinal);
        Version = version;
        Error = result.Message;
        Response.StatusCode = result.StatusCode();
        return Page();
    }

    /// <summary>Reads an existing reply document (txt, md, docx, pdf) into the form; nothing is saved until the person saves.</summary>
    public async Task<IActionResult> OnPostImportAsync(string body, int number, string party, int version, IFormFile? document, CancellationToken ct)
    {
        if (await LoadAsync(body, number, party, ct) is { } denied) return denied;
        if (!CanEdit) return Forbid();
        Version = version;
        if (document is null || document.Length == 0)
        {
            Error = Say.Text("Choose a document to import.");
            return Page();
        }
        if (document.Length > ReplyDocument.MaxBytes)
        {
            Error = Say.Format("{0} is larger than the {1} MB a document to import may have.", document.FileName, ReplyDocument.MaxBytes / (1024 * 1024));
            Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return Page();
        }
        // The type comes from the bytes, not the name (ReplyDocument), as for the API's import.
        using var content = new MemoryStream();
        await using (var upload = document.OpenReadStream()) await upload.CopyToAsync(content, ct);
        var parsed = ReplyDocument.Read(content, document.FileName, Party.Name, Round.Number, out _, ct);
        if (!parsed.Success)
        {
            Error = parsed.Error!.ToString();
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        var known = Sections.SelectMany(s => s.Questions).ToDictionary(q => q.Number, StringComparer.Ordinal);
        var values = new Dictionary<string, string>(Values, StringComparer.Ordinal);
        var skipped = new List<string>();
        foreach (var a in parsed.Value!.Answers)
        {
            if (!known.ContainsKey(a.QuestionNumber)) { skipped.Add(a.QuestionNumber); continue; }
            values[a.QuestionNumber] = a.Text;
            foreach (var (letter, text) in a.ItemAnswers) values[$"{a.QuestionNumber}/{letter}"] = text;
        }
        Values = values;
        Warnings = parsed.Value.Warnings;
        Message = Say.Format("Read {0} answers from {1}: check them, fix the warnings below, then save the draft.", parsed.Value.Answers.Count, document.FileName)
            + (skipped.Count > 0 ? $" Not in this questionnaire, left out: {string.Join(", ", skipped)}." : "");
        return Page();
    }

    /// <summary>The Secretariat sends a submitted reply back to the Party as a draft, with the reason.</summary>
    public async Task<IActionResult> OnPostReopenAsync(string body, int number, string party, string? reason, CancellationToken ct)
    {
        var result = await editor.ReopenAsync(User, body, number, party, reason, ct);
        if (result.Outcome == EditOutcome.Saved) return RedirectToPage(new { body, number, party, saved = "reopened" });
        if (await LoadAsync(body, number, party, ct) is { } denied) return denied;
        return Refused(result.StatusCode(), result.Message);
    }

    /// <summary>Attaches a file to the draft reply (to one question when chosen).</summary>
    public async Task<IActionResult> OnPostAttachAsync(string body, int number, string party, string? question, IFormFile? file, CancellationToken ct)
    {
        if (await LoadAsync(body, number, party, ct) is { } denied) return denied;
        if (Reply is null) return Refused(StatusCodes.Status409Conflict, Say.Text("Save the draft once before attaching files."));
        if (file is null || file.Length == 0) return Refused(StatusCodes.Status400BadRequest, Say.Text("Choose a file to attach."));
        var reply = await attachments.FindReplyAsync(Reply.Id, ct);
        AttachmentResult result;
        await using (var content = file.OpenReadStream())
            result = await attachments.AddAsync(User, reply!, question, file.FileName, content, ct);
        if (result.Succeeded) return RedirectToPage(new { body, number, party, saved = "attached" });
        if (await LoadAsync(body, number, party, ct) is { } gone) return gone;
        return Refused(result.Status, result.Detail);
    }

    /// <summary>Removes a file from the draft reply (audited).</summary>
    public async Task<IActionResult> OnPostDeleteAttachmentAsync(string body, int number, string party, int attachment, CancellationToken ct)
    {
        if (await LoadAsync(body, number, party, ct) is { } denied) return denied;
        if (Reply is null) return NotFound();
        var reply = await attachments.FindReplyAsync(Reply.Id, ct);
        var result = await attachments.DeleteAsync(User, reply!, attachment, ct);
        if (result.Succeeded) return RedirectToPage(new { body, number, party, saved = "removed" });
        if (await LoadAsync(body, number, party, ct) is { } gone) return gone;
        return Refused(result.Status, result.Detail);
    }

    private PageResult Refused(int status, string? message)
    {
        Error = message;
        Response.StatusCode = status;
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(string body, int number, string party, CancellationToken ct)
    {
        var found = await editor.FindAsync(body, number, party, ct);
        if (found is not var (round, stored, reply)) return NotFound();
        if (!ReplyEditor.CanRead(User, stored, reply)) return Forbid();
        (Round, Party, Reply) = (round, stored, reply);
        CanEdit = ReplyEditor.CanEdit(User, stored) && reply?.Status != ReplyStatus.Submitted && round.Status != RoundStatus.Closed;
        Version = reply?.Version ?? 0;
        Sections = await editor.QuestionnaireAsync(round, ct);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var numbers = Sections.SelectMany(s => s.Questions).ToDictionary(q => q.Id, q => q.Number);
        foreach (var a in reply?.Answers ?? [])
        {
            if (!numbers.TryGetValue(a.QuestionId, out var n)) continue;
            values[n] = a.Text;
            foreach (var i in a.ItemAnswers) values[$"{n}/{i.Letter}"] = i.Text;
        }
        Values = values;
        Attachments = reply is null ? [] : await attachments.ListAsync(reply.Id, ct);
        CanReopen = reply?.Status == ReplyStatus.Submitted && round.Status != RoundStatus.Closed && Rounds.RoundAdmin.CanManage(User);
        CanAttach = reply is not null && ReplyEditor.CanEdit(User, stored) && reply.Status != ReplyStatus.Submitted && round.Status != RoundStatus.Closed;
        return null;
    }

    private static List<AnswerInput> ToInputs(Dictionary<string, string> form) =>
        form.Keys.Select(k => k.Split('/')[0]).Distinct(StringComparer.Ordinal)
            .Select(n => new AnswerInput(n, form.GetValueOrDefault(n),
                form.Where(kv => kv.Key.StartsWith(n + "/", StringComparison.Ordinal)).ToDictionary(kv => kv.Key[(n.Length + 1)..], kv => kv.Value, StringComparer.Ordinal)))
            .ToList();
}
