using System.Security.Claims;
using PhoneSafe.Gateway.Actions;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Policy;
using PhoneSafe.Gateway.Security;
using PhoneSafe.Gateway.Services;
using PhoneSafe.Gateway.Tests.Support;

namespace PhoneSafe.Gateway.Tests.Actions;

/// <summary>
/// A member of staff's own account of a flag, and a confiscation in class, on a real database once per provider.
/// </summary>
public abstract class StaffAndOfficeActionsTests(TestStorage storage) : PeopleLedgerTestBase(storage)
{
    private static readonly Actor s_teacher = ActorOf("ms.teacher", "T1");
    private static readonly Actor s_office = ActorOf("office.one", null);

    [Fact]
    public async Task SaveAccount_OwnOpenFlag_StoredRewrittenAndAudited()
    {
        long flag = await RaiseFlagAsync("T1");
        FlagAccounts sut = CreateAccounts();
        CancellationToken ct = TestContext.Current.CancellationToken;

        Assert.True((await sut.SaveAsync(School, flag, new FlagAccountRequest("My daughter's school rang."), s_teacher, ct)).Done);
        Assert.True((await sut.SaveAsync(School, flag, new FlagAccountRequest("  My daughter's school rang at 10:05.  "), s_teacher, ct)).Done);

        FlagAccount stored = (await new FlagAccountStore(Db.Database).GetAsync(School, flag, ct))!;
        Assert.Equal(("My daughter's school rang at 10:05.", "T1", "ms.teacher"), (stored.Text, stored.PersonId, stored.WrittenBy));
        Assert.Equal(2, (await Db.Users.GetAuditAsync(School, 10, ct)).Count(a => a.Action == "flag:own-account"));
    }

    [Fact]
    public async Task SaveAccount_SomeoneElsesFlag_RefusedAsNotFound()
    {
        long flag = await RaiseFlagAsync("O1");
        CancellationToken ct = TestContext.Current.CancellationToken;

        ActionOutcome<FlagAccount> outcome = await CreateAccounts().SaveAsync(School, flag, new FlagAccountRequest("Not me."), s_teacher, ct);

        Assert.Equal(["flag"], outcome.Errors!.Keys);
        Assert.Null(await new FlagAccountStore(Db.Database).GetAsync(School, flag, ct));
    }

    [Fact]
    public async Task SaveAccount_FlagResolved_RefusedAndEarlierAccountKept()
    {
        long flag = await RaiseFlagAsync("T1");
        FlagAccounts sut = CreateAccounts();
        CancellationToken ct = TestContext.Current.CancellationToken;
        await sut.SaveAsync(School, flag, new FlagAccountRequest("First account."), s_teacher, ct);
        await Db.Flags.ReviewAsync(School, [flag], FlagStatus.UnderInvestigation, null, "asked", "head", ct);
        await Db.Flags.ReviewAsync(School, [flag], FlagStatus.Resolved, FlagResolution.All[0], "explained", "head", ct);

        ActionOutcome<FlagAccount> outcome = await sut.SaveAsync(School, flag, new FlagAccountRequest("Changed afterwards."), s_teacher, ct);

        Assert.Contains("closed", outcome.Problem, StringComparison.Ordinal);
        Assert.Equal("First account.", (await new FlagAccountStore(Db.Database).GetAsync(School, flag, ct))!.Text);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task SaveAccount_NoText_Refused(string text)
    {
        long flag = await RaiseFlagAsync("T1");

        ActionOutcome<FlagAccount> outcome = await CreateAccounts().SaveAsync(School, flag, new FlagAccountRequest(text), s_teacher, TestContext.Current.CancellationToken);

        Assert.Equal(["text"], outcome.Errors!.Keys);
    }

    [Fact]
    public async Task RecordConfiscation_KnownPupilAndTeacher_StoredWithLessonRoomAndWhoReceivedIt()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        DateTimeOffset at = Time.GetUtcNow().AddMinutes(-20);

        Confiscation stored = (await CreateConfiscations().RecordAsync(School, new ConfiscationRequest(" P1 ", "T1", at, "Year 9 Maths", "M4"), s_office, ct)).Value!;

        Confiscation read = Assert.Single(await new ConfiscationStore(Db.Database, Time).ListAsync(School, "P1", DateTimeOffset.MinValue, ct));
        Assert.Equal((stored.Id, "T1", at, "Year 9 Maths", "M4", "office.one"), (read.Id, read.ConfiscatedBy, read.ConfiscatedUtc, read.Lesson, read.Room, read.HandedTo));
        Assert.Contains(await Db.Users.GetAuditAsync(School, 10, ct), a => a.Action == "office:confiscation");
    }

    [Theory]
    [InlineData("P1", "P1", 0, "confiscatedBy")]
    [InlineData("T1", "T1", 0, "pupilId")]
    [InlineData("P1", "T9", 0, "confiscatedBy")]
    [InlineData("P1", "T1", 30, "confiscatedUtc")]
    [InlineData("P1", "", 0, "confiscatedBy")]
    public async Task RecordConfiscation_BadRequest_RefusedByFieldAndNothingStored(string pupil, string by, int hoursAgo, string field)
    {
        CancellationToken ct = TestContext.Current.CancellationToken;

        ActionOutcome<Confiscation> outcome = await CreateConfiscations().RecordAsync(School, new ConfiscationRequest(pupil, by, Time.GetUtcNow().AddHours(-hoursAgo), null, null), s_office, ct);

        Assert.Equal([field], outcome.Errors!.Keys);
        Assert.Empty(await new ConfiscationStore(Db.Database, Time).ListAsync(School, null, DateTimeOffset.MinValue, ct));
    }

    private static Actor ActorOf(string name, string? personId)
    {
        List<Claim> claims = [new(ClaimTypes.Name, name)];
        if (personId is not null)
        {
            claims.Add(new Claim(GatewayClaims.PersonId, personId));
        }

        return new Actor(new ClaimsPrincipal(new ClaimsIdentity(claims, "test")), "127.0.0.1");
    }

    private async Task<long> RaiseFlagAsync(string personId)
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await Db.Flags.CommitAsync([(School, new FlagDraft(FlagKind.StaffRetrieveInContactTime, "k-" + personId, personId, null, "lk-1", 1, null, Time.GetUtcNow(), "retrieved in period 2"))], [], [], null, ct);
        return Assert.Single(await Db.Flags.ListAsync(School, new FlagFilter(PersonId: personId), ct)).Id;
    }

    private FlagAccounts CreateAccounts() => new(Db.Flags, new FlagAccountStore(Db.Database), Db.Users, new LiveUpdates(), Time);

    private Confiscations CreateConfiscations() => new(new ConfiscationStore(Db.Database, Time), Db.People, Db.Users, new LiveUpdates(), Time);
}
