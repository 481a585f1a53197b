using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Rapporteur.Data;
using Rapporteur.Data.Entities;
using Rapporteur.Features.Audit;
using Rapporteur.Web;
using Rapporteur.Features.Languages;

namespace Rapporteur.Features.Account;

/// <summary>The signed-in person's personal access tokens: list, create (confirmed again with the authenticator code,
/// or the password for an account without two-factor; shown once), revoke. Only a browser session manages tokens —
/// the page does not accept a token, so a leaked token cannot make more.</summary>
// "Identity.Application" is IdentityConstants.ApplicationScheme (a static field, which an attribute cannot name).
[Authorize(Policy = Policies.SignedIn, AuthenticationSchemes = "Identity.Application")]
public sealed class TokensModel(UserManager<User> users, ApiTokens tokens, RapporteurDbContext db, TimeProvider clock) : PageModel
{
    public IReadOnlyList<ApiTokens.TokenInfo> Tokens { get; private set; } = [];
    public bool TwoFactor { get; private set; }
    public string? NewToken { get; private set; }
    public string? Error { get; private set; }
    public string? Message { get; private set; }
    public string Name { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadAsync() is null) return Challenge();
        return Page();
    }

    // The code and the password are read from the form, not bound as handler arguments: MVC logs those (at Trace level).
    public async Task<IActionResult> OnPostAsync(string? name, int days)
    {
        if (await LoadAsync() is not { } user) return Challenge();
        Name = (name ?? "").Trim();
        if (Name.Length is 0 or > ApiTokens.MaxNameLength) return Refuse(Say.Format("Give the token a name of 1 to {0} characters (what it is for).", ApiTokens.MaxNameLength));
        if (!ApiTokens.LifetimesDays.Contains(days)) return Refuse("Choose one of the offered lifetimes.");
        if (Tokens.Count >= ApiTokens.MaxPerUser) return Refuse(Say.Format("An account has at most {0} tokens: revoke one first.", ApiTokens.MaxPerUser));
        // Failed confirmations count towards the sign-in lockout, so a left-open session cannot be used to guess.
        if (await users.IsLockedOutAsync(user)) return Refuse("Too many failed attempts: this account is locked for 15 minutes.");
        if (TwoFactor)
        {
            // Two-factor accounts: a session that passed the code at sign-in, and the code again now.
            if (!User.HasClaim("amr", "mfa")) return Refuse("This session did not pass two-factor sign-in: sign out, sign in again with the code, then create the token.");
            var code = new string(Request.Form["code"].ToString().Where(char.IsAsciiDigit).ToArray());
            if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
            {
                await users.AccessFailedAsync(user);
                return Refuse("That code is not right: enter the code the authenticator app shows now.");
            }
        }
        else if (!await users.CheckPasswordAsync(user, Request.Form["password"].ToString()))
        {
            await users.AccessFailedAsync(user);
            return Refuse("The password is not right.");
        }
        await users.ResetAccessFailedCountAsync(user);
        NewToken = tokens.Create(user.Id, Name, days, TwoFactor);
        AuditLog.Record(db, clock, User, "token.create", $"{user.Email}: {Name} ({days} days)");
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        Name = "";
        Tokens = await tokens.ListAsync(user.Id, HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(string? id)
    {
        if (await LoadAsync() is not { } user) return Challenge();
        var token = Tokens.FirstOrDefault(t => t.Id == id);
        if (token is null || !await tokens.RevokeAsync(user.Id, token.Id, HttpContext.RequestAborted)) return NotFound();
        AuditLog.Record(db, clock, User, "token.revoke", $"{user.Email}: {token.Name}");
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        Tokens = await tokens.ListAsync(user.Id, HttpContext.RequestAborted);
        Message = Say.Format("Token \"{0}\" revoked.", token.Name);
        return Page();
    }

    private PageResult Refuse(string error)
    {
        Error = error;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task<User?> LoadAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return null;
        TwoFactor = await users.GetTwoFactorEnabledAsync(user);
        Tokens = await tokens.ListAsync(user.Id, HttpContext.RequestAborted);
        return user;
    }
}
