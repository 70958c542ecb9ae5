using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Security;
using PhoneSafe.Gateway.Tests.Support;

namespace PhoneSafe.Gateway.Tests.Security;

/// <summary>Password checks, lock-out and the account lifecycle rules over a real SQLite file.</summary>
public sealed class AccountServiceTests() : DatabaseTestBase(new SqliteTestStorage(), new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero))
{
    private const string School = "s";

    [Fact]
    public async Task CheckPassword_TwentyParallelGuesses_OnlyTheLimitAreCheckedAndTheAccountLocks()
    {
        AccountService sut = CreateSut();
        await CreateAsync(sut, "office.one", UserRoles.Office);

        (SignInOutcome Outcome, StoredAccount? Account)[] guesses = await Task.WhenAll(Enumerable.Range(0, 20)
            .Select(i => Task.Run(() => sut.CheckPasswordAsync("office.one", "wrong password " + i, TestContext.Current.CancellationToken))));

        Assert.True(guesses.Count(g => g.Outcome == SignInOutcome.Invalid) < AccountService.MaxFailedSignIns, "more guesses were checked than the lock-out allows");
        Assert.Equal(SignInOutcome.LockedOut, (await sut.CheckPasswordAsync("office.one", GatewayHost.TestPassword, TestContext.Current.CancellationToken)).Outcome);
    }

    [Fact]
    public async Task CheckPassword_DisabledAccount_IsInvalidEvenWithTheRightPassword()
    {
        AccountService sut = CreateSut();
        await CreateAsync(sut, "admin.one", UserRoles.Admin);
        long id = await CreateAsync(sut, "leaver", UserRoles.Slt);

        Assert.Equal((AccountChange.Done, null), await sut.SetDisabledAsync(id, School, true, TestContext.Current.CancellationToken));

        Assert.Equal(SignInOutcome.Invalid, (await sut.CheckPasswordAsync("leaver", GatewayHost.TestPassword, TestContext.Current.CancellationToken)).Outcome);
        Assert.Equal((AccountChange.Done, null), await sut.SetDisabledAsync(id, School, false, TestContext.Current.CancellationToken));
        Assert.Equal(SignInOutcome.Success, (await sut.CheckPasswordAsync("leaver", GatewayHost.TestPassword, TestContext.Current.CancellationToken)).Outcome);
    }

    [Fact]
    public async Task ResetPassword_UnlocksAndOnlyTheNewPasswordWorks()
    {
        AccountService sut = CreateSut();
        long id = await CreateAsync(sut, "office.one", UserRoles.Office);
        for (int i = 0; i < AccountService.MaxFailedSignIns; i++)
        {
            await sut.CheckPasswordAsync("office.one", "wrong", TestContext.Current.CancellationToken);
        }

        Assert.Equal(AccountChange.Invalid, (await sut.ResetPasswordAsync(id, School, "short", TestContext.Current.CancellationToken)).Outcome);
        Assert.Equal((AccountChange.Done, null), await sut.ResetPasswordAsync(id, School, "a brand new passphrase", TestContext.Current.CancellationToken));

        Assert.Equal(SignInOutcome.Invalid, (await sut.CheckPasswordAsync("office.one", GatewayHost.TestPassword, TestContext.Current.CancellationToken)).Outcome);
        Assert.Equal(SignInOutcome.Success, (await sut.CheckPasswordAsync("office.one", "a brand new passphrase", TestContext.Current.CancellationToken)).Outcome);
    }

    [Theory]
    [InlineData("Janitor", null, AccountChange.Invalid)]
    [InlineData(UserRoles.Staff, null, AccountChange.Invalid)]
    [InlineData(UserRoles.Staff, "T001", AccountChange.Done)]
    [InlineData(UserRoles.Slt, "T001", AccountChange.Done)]
    public async Task ChangeRole_ChecksTheRoleRules(string role, string? personId, AccountChange expected)
    {
        AccountService sut = CreateSut();
        long id = await CreateAsync(sut, "office.one", UserRoles.Office);

        Assert.Equal(expected, (await sut.ChangeRoleAsync(id, School, role, personId, TestContext.Current.CancellationToken)).Outcome);

        StoredAccount account = (await Db.Users.FindByIdAsync(id, TestContext.Current.CancellationToken))!;
        Assert.Equal(expected == AccountChange.Done ? role : UserRoles.Office, account.User.Role);
        Assert.Equal(expected == AccountChange.Done && role == UserRoles.Staff ? personId : null, account.User.PersonId);
    }

    [Fact]
    public async Task CreateFirstAdministrator_OnceAccountsExist_IsRefused()
    {
        AccountService sut = CreateSut();
        await CreateAsync(sut, "office.one", UserRoles.Office);

        string? error = await sut.CreateFirstAdministratorAsync(new GatewayUser(0, "intruder", "I", UserRoles.Admin, School, null), GatewayHost.TestPassword, TestContext.Current.CancellationToken);

        Assert.NotNull(error);
        Assert.Null(await Db.Users.FindAsync("intruder", TestContext.Current.CancellationToken));
    }

    private async Task<long> CreateAsync(AccountService sut, string name, string role)
    {
        Assert.Null(await sut.CreateAsync(new GatewayUser(0, name, name, role, School, null), GatewayHost.TestPassword, TestContext.Current.CancellationToken));
        return (await Db.Users.FindAsync(name, TestContext.Current.CancellationToken))!.User.Id;
    }

    private AccountService CreateSut() => new(Db.Users, Time);
}
