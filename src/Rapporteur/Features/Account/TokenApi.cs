using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Rapporteur.Data;
using Rapporteur.Data.Entities;
using Rapporteur.Features.Audit;
using Rapporteur.Features.Languages;

namespace Rapporteur.Features.Account;

/// <summary>POST /api/v1/auth/token: a one-hour bearer token for scripts (send it as <c>Authorization: Bearer …</c>),
/// for accounts without two-factor; the others create personal access tokens on <c>/account/tokens</c>
/// (<see cref="ApiTokens"/>).</summary>
public static class TokenApi
{
    public sealed record TokenRequest(string Email, string Password);

    public static RouteGroupBuilder MapTokenApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapPost("/auth/token", IssueToken).WithTags("Authentication").WithName("IssueToken").AllowAnonymous();
        return api;
    }

    private static async Task<Results<EmptyHttpResult, ProblemHttpResult>> IssueToken(TokenRequest request, SignInManager<User> signIn,
        RapporteurDbContext db, TimeProvider clock)
    {
        signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
        var result = await signIn.PasswordSignInAsync(request.Email ?? "", request.Password ?? "", isPersistent: false, lockoutOnFailure: true);
        AuditLog.Record(db, clock, null, result.Succeeded ? "token" : "token.failed", request.Email ?? "");
        await db.SaveChangesAsync();
        // On success the bearer handler has written the token response.
        return result.Succeeded
            ? TypedResults.Empty
            : TypedResults.Problem(title: Say.Text("Sign-in failed"), detail: result.IsLockedOut ? Say.Text("The account is locked for 15 minutes.")
                    : result.RequiresTwoFactor ? Say.Text("This account signs in with two-factor authentication, so a password alone gets no token: sign in on the web and create a personal access token at /account/tokens.")
                    : Say.Text("The e-mail or the password is not right."),
                statusCode: StatusCodes.Status401Unauthorized);
    }
}
