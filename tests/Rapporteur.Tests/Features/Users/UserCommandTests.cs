using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Rapporteur.Tests.Support;

namespace Rapporteur.Tests.Features.Users;

/// <summary><c>rapporteur user add</c>: the first administrator, from the command line.</summary>
public sealed class UserCommandTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task User_add_reads_the_password_from_standard_input_and_stores_only_its_hash()
    {
        var store = await TestData.NewStoreAsync();
        var (code, stdout, stderr) = RapporteurProcess.RunWithInput("a-long-secret-2026", "user", "add", "chief@example.org", "--role", "Administrator", "--data", store.Directory);
        Assert.True(code == 0, stderr);
        Assert.Contains("chief@example.org: account created with role Administrator", stdout, StringComparison.Ordinal);

        await using var db = store.CreateContext();
        var user = await db.Users.SingleAsync(u => u.Email == "chief@example.org", Ct);
        Assert.DoesNotContain("a-long-secret-2026", user.PasswordHash, StringComparison.Ordinal);
        Assert.Equal(PasswordVerificationResult.Success, new PasswordHasher<Rapporteur.Data.Entities.User>().VerifyHashedPassword(user, user.PasswordHash!, "a-long-secret-2026"));
        Assert.Contains(await db.AuditEntries.ToListAsync(Ct), e => e.Action == "user.add");
    }

    [Theory]
    [InlineData("--role", "Overlord", "unknown role 'Overlord'")]
    [InlineData("--role", "focal-point", "a focal point acts for one Party; give --party")]
    public async Task User_add_refuses_bad_input_with_one_line(string option, string value, string message)
    {
        var store = await TestData.NewStoreAsync();
        var (code, _, stderr) = RapporteurProcess.RunWithInput("a-long-secret-2026", "user", "add", "x@example.org", option, value, "--data", store.Directory);
        Assert.Equal(2, code);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
        Assert.Single(stderr.Trim().Split('\n'));
    }

    [Fact]
    public async Task A_short_password_is_refused()
    {
        var store = await TestData.NewStoreAsync();
        var (code, _, stderr) = RapporteurProcess.RunWithInput("short1", "user", "add", "x@example.org", "--role", "secretariat", "--data", store.Directory);
        Assert.Equal(2, code);
        Assert.Contains("at least 10 characters", stderr, StringComparison.Ordinal);
    }
}
