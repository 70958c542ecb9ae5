using Microsoft.Extensions.Time.Testing;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Options;
using PhoneSafe.Gateway.Publishing;
using PhoneSafe.Gateway.Tests.Support;

namespace PhoneSafe.Gateway.Tests.Publishing;

public sealed class SchoolCalendarContactWindowsTests : IAsyncLifetime
{
    private readonly SqliteTestStorage _storage = new();
    private TestDatabase _db = null!;

    public async ValueTask InitializeAsync() => _db = await TestDatabase.CreateAsync(_storage, new FakeTimeProvider());

    public async ValueTask DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task GetWeekdayWindows_SchoolWithCalendar_UsesItsDaysAndZone_OtherSchoolGetsDefaults()
    {
        var calendar = Policy.TestCalendar.Definition with
        {
            TimeZoneId = "Europe/Paris",
            Days = [new PhoneSafe.Gateway.Policy.DaySchedule(3, [new PhoneSafe.Gateway.Policy.TimeWindow(new TimeOnly(9, 0), new TimeOnly(11, 30))], new TimeOnly(12, 0))],
        };
        await _db.Calendars.SaveAsync("with", calendar, TestContext.Current.CancellationToken);
        SchoolCalendarContactWindows sut = CreateSut();

        Assert.Equal([new WeekdayWindow(3, 540, 690)], await sut.GetWeekdayWindowsAsync("with", TestContext.Current.CancellationToken));
        Assert.Equal("Europe/Paris", (await sut.GetTimeZoneAsync("with", TestContext.Current.CancellationToken))!.Id);
        Assert.Equal(10, (await sut.GetWeekdayWindowsAsync("without", TestContext.Current.CancellationToken)).Count);
        Assert.Equal("Europe/London", (await sut.GetTimeZoneAsync("without", TestContext.Current.CancellationToken))!.Id);
    }

    [Fact]
    public void NextOffsetChange_AcrossBritishSummerTimeStart_FindsOneAmUtcToTheSecond()
    {
        TimeZoneInfo london = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        var from = new DateTimeOffset(2027, 3, 28, 0, 10, 0, TimeSpan.Zero);

        var change = new DateTimeOffset(2027, 3, 28, 1, 0, 0, TimeSpan.Zero);
        Assert.InRange(SchoolCalendarContactWindows.NextOffsetChange(london, from, from.AddHours(1))!.Value, change, change.AddSeconds(1));
        Assert.Null(SchoolCalendarContactWindows.NextOffsetChange(london, from.AddHours(1), from.AddHours(2)));
    }

    private SchoolCalendarContactWindows CreateSut() =>
        new(_db.Calendars, new ConfiguredContactWindows(Microsoft.Extensions.Options.Options.Create(new LockerConfigOptions())));
}
