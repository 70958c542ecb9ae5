using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using PhoneSafe.Gateway.Actions;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Policy;
using PhoneSafe.Gateway.Services;
using PhoneSafe.Gateway.Tests.Support;

namespace PhoneSafe.Gateway.Tests.Actions;

/// <summary>FlagReviews on a SQLite file: the one review path of the Flag page and the API.</summary>
public sealed class FlagReviewsTests() : DatabaseTestBase(new SqliteTestStorage(), new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero))
{
    private const string School = "s";

    private readonly LiveUpdates _live = new();

    [Fact]
    public async Task ReviewAsync_ValidStep_RecordsAuditsAndTellsOpenPages()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        FlagReviews sut = CreateSut();
        long id = await RaiseFlagAsync(ct);
        using var listening = CancellationTokenSource.CreateLinkedTokenSource(ct);
        IAsyncEnumerator<string> notices = _live.SubscribeAsync(listening.Token).GetAsyncEnumerator(listening.Token);
        ValueTask<bool> next = notices.MoveNextAsync();

        ActionOutcome<IReadOnlyList<Flag>> outcome = await Review(sut, id, FlagStatus.Resolved, FlagResolution.Explained, "family emergency");

        Assert.True(outcome.Done, outcome.Problem);
        Assert.Equal((FlagStatus.Resolved, "slt.one"), (Assert.Single(outcome.Value!).Status, (await Db.Flags.GetHistoryAsync(id, ct))[^1].By));
        Assert.Contains(await Db.Users.GetAuditAsync(School, 10, ct), a => a.Action == "flag:reviewed" && a.Detail.Contains($"flags={id}", StringComparison.Ordinal));
        Assert.True(await next.AsTask().WaitAsync(TimeSpan.FromSeconds(10), ct));
        Assert.Equal("flags", notices.Current);
        await listening.CancelAsync();
    }

    [Theory]
    [InlineData("closed", "note", "status")]
    [InlineData(FlagStatus.UnderInvestigation, "", "note")]
    public async Task ReviewAsync_BadInput_IsInvalidAndChangesNothing(string status, string note, string field)
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        FlagReviews sut = CreateSut();
        long id = await RaiseFlagAsync(ct);

        ActionOutcome<IReadOnlyList<Flag>> outcome = await Review(sut, id, status, null, note);

        Assert.Contains(field, outcome.Errors.Keys);
        Assert.Equal(FlagStatus.Open, (await Db.Flags.GetAsync(School, id, ct))!.Status);
        Assert.DoesNotContain(await Db.Users.GetAuditAsync(School, 10, ct), a => a.Action == "flag:reviewed");
    }

    [Fact]
    public async Task ReviewAsync_StepTheWorkflowRefuses_IsRefusedWithTheReason()
    {
        FlagReviews sut = CreateSut();
        long id = await RaiseFlagAsync(TestContext.Current.CancellationToken);
        await Review(sut, id, FlagStatus.Resolved, FlagResolution.Explained, "done");

        ActionOutcome<IReadOnlyList<Flag>> outcome = await Review(sut, id, FlagStatus.Resolved, FlagResolution.Breach, "again");

        Assert.Equal(StatusCodes.Status409Conflict, outcome.Status);
        Assert.Contains($"flag {id}", outcome.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReviewAsync_UnknownFlag_IsNotFound()
    {
        ActionOutcome<IReadOnlyList<Flag>> outcome = await Review(CreateSut(), 999, FlagStatus.UnderInvestigation, null, "looking");

        Assert.Equal(StatusCodes.Status404NotFound, outcome.Status);
    }

    private static Task<ActionOutcome<IReadOnlyList<Flag>>> Review(FlagReviews sut, long id, string status, string? resolution, string note) =>
        sut.ReviewAsync(
            School,
            [id],
            new FlagReviewRequest(status, resolution, note, null),
            new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "slt.one"), new Claim(PhoneSafe.Gateway.Security.GatewayClaims.School, School)], "test")),
            "127.0.0.1",
            TestContext.Current.CancellationToken);

    private async Task<long> RaiseFlagAsync(CancellationToken ct)
    {
        var draft = new FlagDraft(FlagKind.DoorForced, "k1", null, null, "lk-1", 2, 7, Time.GetUtcNow(), "door forced");
        await Db.Flags.CommitAsync([(School, draft)], [], [], 7, ct);
        return Assert.Single(await Db.Flags.ListAsync(School, new FlagFilter(), ct)).Id;
    }

    private FlagReviews CreateSut() => new(Db.Flags, Db.Users, _live);
}
