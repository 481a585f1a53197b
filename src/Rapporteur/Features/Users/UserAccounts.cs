using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Rapporteur.Data;
using Rapporteur.Data.Entities;

namespace Rapporteur.Features.Users;

/// <summary>Creating accounts: the first administrator from the CLI, demo accounts, and (later) the admin pages.</summary>
internal sealed class UserAccounts(RapporteurDbContext db, UserManager<User> users, RoleManager<IdentityRole> roles)
{
    /// <summary>Creates the user with one role; a focal point needs a Party. Returns the error, or null.</summary>
    public async Task<string?> AddAsync(string email, string role, string? party, string? displayName, string password)
    {
        if (Roles.Parse(role) is not { } roleName) return $"unknown role '{role}'; use one of {string.Join(", ", Roles.All)}";
        int? partyId = null;
        if (roleName == Roles.FocalPoint)
        {
            if (string.IsNullOrWhiteSpace(party)) return "a focal point acts for one Party; give --party";
            var stored = await db.Parties.SingleOrDefaultAsync(p => p.Name == party);
            if (stored is null)
            {
                stored = new Party { Name = party.Trim() };
                db.Parties.Add(stored);
                await db.SaveChangesAsync();
            }
            partyId = stored.Id;
        }
        else if (party is not null)
        {
            return "only a focal point has a Party";
        }
        if (await users.FindByEmailAsync(email) is not null) return $"{email} already has an account";

        foreach (var r in Roles.All)
            if (!await roles.RoleExistsAsync(r)) Check(await roles.CreateAsync(new IdentityRole(r)));
        var user = new User { UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName ?? email, PartyId = partyId };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded) return string.Join(" ", created.Errors.Select(e => e.Description));
        Check(await users.AddToRoleAsync(user, roleName));
        // Permission changes are audited wherever they come from (command line, demo set-up, admin pages).
        Audit.AuditLog.Record(db, TimeProvider.System, null, "role.grant", $"{email}: {roleName}{(partyId is null ? "" : $" for {party}")}");
        await db.SaveChangesAsync();
        return null;
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded) throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
    }
}
