using System.Security.Claims;
using Microsoft.Extensions.Logging.Abstractions;
using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Gateway.Actions;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Options;
using PhoneSafe.Gateway.Policy;
using PhoneSafe.Gateway.Services;
using PhoneSafe.Gateway.Tests.Support;

namespace PhoneSafe.Gateway.Tests.Actions;

/// <summary>
/// Parent notices against a real SMTP server (aiosmtpd) and a real database, once per provider: the pupil P1's phone
/// is held at the office unit from 08:00.
/// </summary>
public abstract class ParentNoticesTests(TestStorage storage) : PeopleLedgerTestBase(storage)
{
    private static readonly Actor s_office = new(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "office.one")], "test")), "127.0.0.1");

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        CancellationToken ct = TestContext.Current.CancellationToken;
        await new DashboardStore(Db.Database, Time).InitializeAsync(ct);
        await Ledger.CommitAsync(EventType.Deposit, Time.GetUtcNow(), OfficeCredential, PupilCredential, compartment: 2);
    }

    [Fact]
    public async Task EmailAsync_ServerAccepts_SentInSchoolWordingAndRecordedAsParentsMadeAware()
    {
        using SmtpSink sink = await SmtpSink.StartAsync();
        ParentNotices sut = CreateSut(sink.Port);
        CancellationToken ct = TestContext.Current.CancellationToken;
        Assert.True((await sut.SaveTemplateAsync(School, new NoticeTemplateRequest("Phone of {pupil}", "Dear parent, {pupil}'s phone was {how} at {time}."), s_office, ct)).Done);

        ActionOutcome<NoticeDelivery> outcome = await sut.EmailAsync(School, new NoticeEmailRequest("P1", "parent@home.example"), s_office, ct);

        NoticeDelivery sent = outcome.Value!;
        Assert.Equal((NoticeDeliveryStates.Sent, 1), (sent.Status, sent.Attempts));
        Assert.Contains("Queued as sink-1", sent.Response, StringComparison.Ordinal);
        string mail = Assert.Single(sink.Messages);
        Assert.Contains("X-Envelope-To: parent@home.example", mail, StringComparison.Ordinal);
        Assert.Contains("Subject: Phone of A Pupil", mail, StringComparison.Ordinal);
        Assert.Contains("A Pupil's phone was handed in at the school office at 08:00.", mail, StringComparison.Ordinal);
        ParentNotice notice = Assert.Single(await Db.Exceptions.ListNoticesAsync(School, "P1", ct));
        Assert.Equal((ParentNotices.EmailMethod, "office.one"), (notice.Method, notice.NotifiedBy));
    }

    [Fact]
    public async Task EmailAsync_ServerRefusesMailbox_FailedWithTheServersAnswerAndNoNotice()
    {
        using SmtpSink sink = await SmtpSink.StartAsync();
        CancellationToken ct = TestContext.Current.CancellationToken;

        NoticeDelivery failed = (await CreateSut(sink.Port).EmailAsync(School, new NoticeEmailRequest("P1", "nobody@refused.example"), s_office, ct)).Value!;

        Assert.Equal(NoticeDeliveryStates.Failed, failed.Status);
        Assert.StartsWith("550", failed.Response, StringComparison.Ordinal);
        Assert.Contains("No such mailbox", failed.Response, StringComparison.Ordinal);
        Assert.Empty(sink.Messages);
        Assert.Empty(await Db.Exceptions.ListNoticesAsync(School, "P1", ct));
    }

    [Fact]
    public async Task RetryDueAsync_ServerDownThenUp_QueuedWithBackOffThenSent()
    {
        int port = FreePort.Next();
        ParentNotices sut = CreateSut(port);
        CancellationToken ct = TestContext.Current.CancellationToken;

        NoticeDelivery queued = (await sut.EmailAsync(School, new NoticeEmailRequest("P1", "parent@home.example"), s_office, ct)).Value!;
        Assert.Equal((NoticeDeliveryStates.Queued, 1), (queued.Status, queued.Attempts));
        Assert.Equal(Time.GetUtcNow().AddSeconds(60), queued.NextAttemptUtc);
        Assert.Equal(0, await sut.RetryDueAsync(ct));

        using SmtpSink sink = await SmtpSink.StartAsync(port);
        Time.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(1, await sut.RetryDueAsync(ct));

        NoticeDelivery sent = Assert.Single(await new NoticeStore(Db.Database, Time).ListDeliveriesAsync(School, DateTimeOffset.MinValue, ct));
        Assert.Equal((NoticeDeliveryStates.Sent, 2), (sent.Status, sent.Attempts));
        Assert.Single(sink.Messages);
        Assert.Single(await Db.Exceptions.ListNoticesAsync(School, "P1", ct));
    }

    [Fact]
    public async Task RetryDueAsync_ServerSaysTryLaterEveryTime_FailedAfterMaxAttempts()
    {
        using SmtpSink sink = await SmtpSink.StartAsync();
        ParentNotices sut = CreateSut(sink.Port, maxAttempts: 2);
        CancellationToken ct = TestContext.Current.CancellationToken;

        NoticeDelivery queued = (await sut.EmailAsync(School, new NoticeEmailRequest("P1", "parent@busy.example"), s_office, ct)).Value!;
        Assert.Equal(NoticeDeliveryStates.Queued, queued.Status);
        Assert.StartsWith("451", queued.Response, StringComparison.Ordinal);
        Time.Advance(TimeSpan.FromSeconds(60));
        await sut.RetryDueAsync(ct);

        NoticeDelivery last = Assert.Single(await new NoticeStore(Db.Database, Time).ListDeliveriesAsync(School, DateTimeOffset.MinValue, ct));
        Assert.Equal((NoticeDeliveryStates.Failed, 2, (DateTimeOffset?)null), (last.Status, last.Attempts, last.NextAttemptUtc));
        Assert.Empty(await Db.Exceptions.ListNoticesAsync(School, "P1", ct));
    }

    [Theory]
    [InlineData("P1", "not-an-address", "to")]
    [InlineData("P9", "parent@home.example", "pupilId")]
    [InlineData("T1", "parent@home.example", "pupilId")]
    public async Task EmailAsync_BadRequest_RefusedByFieldAndNothingSent(string pupil, string to, string field)
    {
        using SmtpSink sink = await SmtpSink.StartAsync();

        ActionOutcome<NoticeDelivery> outcome = await CreateSut(sink.Port).EmailAsync(School, new NoticeEmailRequest(pupil, to), s_office, TestContext.Current.CancellationToken);

        Assert.Equal([field], outcome.Errors!.Keys);
        Assert.Empty(sink.Messages);
    }

    [Fact]
    public async Task EmailAsync_EmailNotSetUp_RefusedPointingToTheExport()
    {
        ActionOutcome<NoticeDelivery> outcome = await CreateSut(0, host: null).EmailAsync(School, new NoticeEmailRequest("P1", "parent@home.example"), s_office, TestContext.Current.CancellationToken);

        Assert.Contains("export", outcome.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportAsync_PhoneHeldParentsNotTold_OneRowRecordedAsNoticeThenNothingMore()
    {
        ParentNotices sut = CreateSut(0, host: null);
        CancellationToken ct = TestContext.Current.CancellationToken;

        (string csv, int rows) = (await sut.ExportAsync(School, s_office, ct)).Value;

        Assert.Equal(1, rows);
        string[] lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("pupil_id,pupil_name,group,taken_in,subject,message", lines[0]);
        Assert.StartsWith("\"P1\",\"A Pupil\",\"\",\"2026-01-05 08:00\",\"A Pupil's phone is at the school office\"", lines[1], StringComparison.Ordinal);
        Assert.Equal(ParentNotices.ExportMethod, Assert.Single(await Db.Exceptions.ListNoticesAsync(School, "P1", ct)).Method);
        Assert.Equal(NoticeDeliveryStates.Exported, Assert.Single(await new NoticeStore(Db.Database, Time).ListDeliveriesAsync(School, DateTimeOffset.MinValue, ct)).Status);
        Assert.Equal(0, (await sut.ExportAsync(School, s_office, ct)).Value.Rows);
    }

    [Theory]
    [InlineData("Phone", "Your child's phone is at the office.", "body")]
    [InlineData("Phone", "{pupil}'s phone; collect by {collection}.", "body")]
    [InlineData("Phone\nof {pupil}", "{pupil}'s phone.", "subject")]
    [InlineData("", "{pupil}'s phone.", "subject")]
    public async Task SaveTemplateAsync_BadWording_RefusedAndBuiltInKept(string subject, string body, string field)
    {
        CancellationToken ct = TestContext.Current.CancellationToken;

        ActionOutcome<NoticeTemplate> outcome = await CreateSut(0, host: null).SaveTemplateAsync(School, new NoticeTemplateRequest(subject, body), s_office, ct);

        Assert.Contains(field, outcome.Errors!.Keys);
        Assert.Equal("-", (await new NoticeStore(Db.Database, Time).GetTemplateAsync(School, ct)).UpdatedBy);
    }

    [Fact]
    public async Task EmailAsync_PhoneConfiscatedInClass_WordingSaysSo()
    {
        using SmtpSink sink = await SmtpSink.StartAsync();
        CancellationToken ct = TestContext.Current.CancellationToken;
        var confiscations = new Confiscations(new ConfiscationStore(Db.Database, Time), Db.People, Db.Users, new LiveUpdates(), Time);
        Assert.True((await confiscations.RecordAsync(School, new ConfiscationRequest("P1", "T1", Time.GetUtcNow().AddMinutes(-10), "Maths", "M4"), s_office, ct)).Done);

        await CreateSut(sink.Port).EmailAsync(School, new NoticeEmailRequest("P1", "parent@home.example"), s_office, ct);

        Assert.Contains("confiscated in class and taken to the school office", Assert.Single(sink.Messages), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Purge_AfterThePupilRecordPeriod_DeliveriesWithParentsAddressesAndConfiscationsGo()
    {
        using SmtpSink sink = await SmtpSink.StartAsync();
        CancellationToken ct = TestContext.Current.CancellationToken;
        var confiscations = new Confiscations(new ConfiscationStore(Db.Database, Time), Db.People, Db.Users, new LiveUpdates(), Time);
        await confiscations.RecordAsync(School, new ConfiscationRequest("P1", "T1", null, null, null), s_office, ct);
        await CreateSut(sink.Port).EmailAsync(School, new NoticeEmailRequest("P1", "parent@home.example"), s_office, ct);
        Time.Advance(TimeSpan.FromDays(366));

        await Db.Retention.PurgeAsync(dryRun: false, ct);

        Assert.Equal(["0", "0"], await Db.QueryAsync("SELECT count(*) FROM notice_deliveries UNION ALL SELECT count(*) FROM confiscations"));
    }

    private ParentNotices CreateSut(int port, string? host = "127.0.0.1", int maxAttempts = 5)
    {
        var smtp = Microsoft.Extensions.Options.Options.Create(new SmtpOptions
        {
            Host = host, Port = port, Security = "None", From = "office@school.example", MaxAttempts = maxAttempts, RetrySeconds = 60, TimeoutSeconds = 10,
        });
        return new ParentNotices(
            Db.Exceptions, new NoticeStore(Db.Database, Time), new ConfiscationStore(Db.Database, Time), new DashboardStore(Db.Database, Time), Db.People, Db.Calendars,
            new SmtpMailSender(smtp, NullLogger<SmtpMailSender>.Instance), smtp, Db.Users, new LiveUpdates(), Time);
    }
}
