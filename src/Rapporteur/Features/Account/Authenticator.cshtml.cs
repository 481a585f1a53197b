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

/// <summary>Enrolment in TOTP two-factor authentication (ASP.NET Core Identity's authenticator): the shared key and
/// its otpauth:// URI, a first code to confirm, then ten recovery codes shown once.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class AuthenticatorModel(UserManager<User> users, SignInManager<User> signIn, RapporteurDbContext db, TimeProvider clock) : PageModel
{
    public bool Enabled { get; private set; }
    public bool Required { get; private set; }
    public string FormattedKey { get; private set; } = "";
    public string Uri { get; private set; } = "";
    public int RecoveryCodesLeft { get; private set; }
    public IReadOnlyList<string>? RecoveryCodes { get; private set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(bool required = false)
    {
        Required = required;
        return await LoadAsync() is not null ? Page() : Challenge();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await LoadAsync() is not { } user) return Challenge();
        var code = new string(Request.Form["code"].ToString().Where(char.IsAsciiDigit).ToArray());
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            Error = Say.Text("That code is not right: check the phone's clock and enter the code shown now.");
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        await users.SetTwoFactorEnabledAsync(user, true);
        RecoveryCodes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10) ?? []];
        AuditLog.Record(db, clock, User, "2fa.enable", user.Email ?? "");
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        // A new sign-in, so this session counts as two-factor.
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new System.Security.Claims.Claim("amr", "mfa")]);
        Enabled = true;
        return Page();
    }

    public async Task<IActionResult> OnPostRecoveryAsync()
    {
        if (await LoadAsync() is not { } user) return Challenge();
        if (!Enabled) return RedirectToPage();
        RecoveryCodes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10) ?? []];
        AuditLog.Record(db, clock, User, "2fa.recovery-codes", user.Email ?? "");
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnPostDisableAsync()
    {
        if (await LoadAsync() is not { } user) return Challenge();
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        AuditLog.Record(db, clock, User, "2fa.disable", user.Email ?? "");
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        return RedirectToPage();
    }

    private async Task<User?> LoadAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return null;
        Enabled = await users.GetTwoFactorEnabledAsync(user);
        RecoveryCodesLeft = Enabled ? await users.CountRecoveryCodesAsync(user) : 0;
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user) ?? "";
        }
        FormattedKey = string.Join(' ', key.Chunk(4).Select(c => new string(c))).ToLowerInvariant();
        var email = System.Uri.EscapeDataString(user.Email ?? user.UserName ?? "");
        Uri = $"otpauth://totp/Rapporteur:{email}?secret={key}&issuer=Rapporteur&digits=6";
        return user;
    }
}
