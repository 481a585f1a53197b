using Rapporteur.Data.Entities;
using Rapporteur.Features.Users;

namespace Rapporteur.Features.Demo;

/// <summary>One demo account per role (README lists them). Only ever created together with the demo data set.</summary>
internal static class DemoAccounts
{
    public const string Password = "rapporteur-demo-2026";

    public static IReadOnlyList<(string Email, string Role, string? Party, string Name)> All { get; } =
    [
        ("admin@demo.test", Roles.Administrator, null, "Ada Admin"),
        ("secretariat@demo.test", Roles.Secretariat, null, "Sam Secretariat"),
        ("rapporteur@demo.test", Roles.Rapporteur, null, "Rhea Rapporteur"),
        ("ruritania@demo.test", Roles.FocalPoint, "Ruritania", "Rudolf, focal point of Ruritania"),
        ("sylvania@demo.test", Roles.FocalPoint, "Sylvania", "Sylvie, focal point of Sylvania"),
        ("ngo@demo.test", Roles.CivilSociety, null, "Nora, Children First Network"),
    ];

    public static async Task AddAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var accounts = ActivatorUtilities.CreateInstance<UserAccounts>(scope.ServiceProvider);
        foreach (var (email, role, party, name) in All)
            if (await accounts.AddAsync(email, role, party, name, Password) is { } error)
                throw new InvalidOperationException($"demo account {email}: {error}");
    }
}
