using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Rapporteur.Data;
using Rapporteur.Data.Entities;

namespace Rapporteur.Features.Account;

/// <summary>
/// Personal access tokens for scripts, as GitHub and GitLab have them: made by a person on <c>/account/tokens</c>,
/// in a web session that passed two-factor sign-in when the account has it and confirmed again at creation (the
/// authenticator code, or the password), so using one needs no second factor. A token is <c>rap_ID_SECRET</c>; only
/// the SHA-256 of the secret is stored, in Identity's user-token table (provider <see cref="Provider"/>, name = ID),
/// with its name, creation, expiry and whether it was made under two-factor. Revoked by deletion.
/// </summary>
public sealed class ApiTokens(RapporteurDbContext db, TimeProvider clock)
{
    public const string Provider = "Rapporteur.ApiToken";
    public const string Prefix = "rap_";
    public const int MaxPerUser = 20;
    public const int MaxNameLength = 60;

    /// <summary>The lifetimes a person may choose, in days.</summary>
    public static IReadOnlyList<int> LifetimesDays { get; } = [30, 90, 365];

    /// <summary>A token as its owner sees it in the list (never its secret).</summary>
    public sealed record TokenInfo(string Id, string Name, DateTimeOffset Created, DateTimeOffset Expires, bool TwoFactor);

    /// <summary>Who a valid token acts for.</summary>
    public sealed record Holder(string UserId, bool TwoFactor);

    private sealed record Stored(string Name, string Hash, DateTimeOffset Created, DateTimeOffset Expires, bool TwoFactor);

    public async Task<IReadOnlyList<TokenInfo>> ListAsync(string userId, CancellationToken ct)
    {
        var rows = await db.UserTokens.Where(t => t.UserId == userId && t.LoginProvider == Provider).ToListAsync(ct);
        return [.. rows.Select(r => (r.Name, Stored: Read(r.Value)))
            .Where(r => r.Stored is not null)
            .Select(r => new TokenInfo(r.Name, r.Stored!.Name, r.Stored.Created, r.Stored.Expires, r.Stored.TwoFactor))
            .OrderByDescending(t => t.Created)];
    }

    /// <summary>Adds a token (saved with the caller's next SaveChanges) and returns it: the only time it is seen.</summary>
    public string Create(string userId, string name, int days, bool twoFactor)
    {
        if (!LifetimesDays.Contains(days)) throw new ArgumentOutOfRangeException(nameof(days), days, "not an offered lifetime");
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var secret = System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var now = clock.GetUtcNow();
        db.UserTokens.Add(new IdentityUserToken<string>
        {
            UserId = userId,
            LoginProvider = Provider,
            Name = id,
            Value = JsonSerializer.Serialize(new Stored(name, Hash(secret), now, now.AddDays(days), twoFactor)),
        });
        return $"{Prefix}{id}_{secret}";
    }

    /// <summary>Removes one of the user's tokens; false when the user has no such token.</summary>
    public async Task<bool> RevokeAsync(string userId, string id, CancellationToken ct)
    {
        var row = await db.UserTokens.SingleOrDefaultAsync(t => t.UserId == userId && t.LoginProvider == Provider && t.Name == id, ct);
        if (row is null) return false;
        db.UserTokens.Remove(row);
        return true;
    }

    /// <summary>The holder of <paramref name="token"/>, or null when it is malformed, unknown, revoked or expired.</summary>
    public async Task<Holder?> ValidateAsync(string token, CancellationToken ct)
    {
        if (!token.StartsWith(Prefix, StringComparison.Ordinal) || token.Length > 100) return null;
        var parts = token[Prefix.Length..].Split('_', 2);
        if (parts.Length != 2 || parts[0].Length != 16 || !parts[0].All(char.IsAsciiHexDigitLower)) return null;
        var id = parts[0];
        var row = await db.UserTokens.AsNoTracking().FirstOrDefaultAsync(t => t.LoginProvider == Provider && t.Name == id, ct);
        if (row is null || Read(row.Value) is not { } stored) return null;
        var expected = Convert.FromHexString(stored.Hash);
        var actual = Convert.FromHexString(Hash(parts[1]));
        if (!CryptographicOperations.FixedTimeEquals(expected, actual) || clock.GetUtcNow() >= stored.Expires) return null;
        return new Holder(row.UserId, stored.TwoFactor);
    }

    private static Stored? Read(string? value)
    {
        if (string.IsNullOrEmpty(value)) return null;
        try
        {
            return JsonSerializer.Deserialize<Stored>(value);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}

/// <summary>Authenticates <c>Authorization: Bearer rap_…</c> with a personal access token: the owner's roles and Party
/// as at a sign-in, and the two-factor mark (<c>amr=mfa</c>) when the token was made under two-factor.</summary>
internal sealed class ApiTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer " + ApiTokens.Prefix, StringComparison.Ordinal)) return AuthenticateResult.NoResult();
        var services = Context.RequestServices;
        var holder = await services.GetRequiredService<ApiTokens>().ValidateAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        if (holder is null) return AuthenticateResult.Fail("The token is unknown, revoked or expired.");
        var users = services.GetRequiredService<UserManager<User>>();
        var user = await users.FindByIdAsync(holder.UserId);
        if (user is null || await users.IsLockedOutAsync(user)) return AuthenticateResult.Fail("The token's account is locked or gone.");
        var principal = await services.GetRequiredService<SignInManager<User>>().CreateUserPrincipalAsync(user);
        if (holder.TwoFactor) ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim("amr", "mfa"));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }
}
