using PhoneSafe.Firmware.Core.Protocol;
using Xunit;

namespace PhoneSafe.Firmware.Core.Tests.Protocol;

/// <summary>
/// The compact codes of event types are kept in journal records in flash: a code given once never changes, or a
/// locker updated with unacknowledged events in its journal would send them under another type.
/// </summary>
public sealed class EventTypeTests
{
    [Theory]
    [InlineData(0, EventType.Deposit)]
    [InlineData(1, EventType.Retrieve)]
    [InlineData(2, EventType.DoorOpened)]
    [InlineData(3, EventType.DoorClosed)]
    [InlineData(4, EventType.DoorForced)]
    [InlineData(5, EventType.DoorLeftOpen)]
    [InlineData(6, EventType.BadgeDenied)]
    [InlineData(7, EventType.Boot)]
    [InlineData(8, EventType.ReaderFault)]
    [InlineData(9, EventType.ConfigApplied)]
    [InlineData(10, EventType.JournalGap)]
    [InlineData(11, EventType.CardPresented)]
    [InlineData(12, EventType.FaultCleared)]
    public void Code_TypeGivenACodeBefore_KeepsThatCode(int code, string type)
    {
        Assert.Equal(code, EventType.Code(type));
        Assert.Equal(type, EventType.FromCode(code));
    }

    [Fact]
    public void Code_UnknownType_IsMinusOne()
    {
        Assert.Equal(-1, EventType.Code("teleported"));
        Assert.Null(EventType.FromCode(-1));
    }
}
