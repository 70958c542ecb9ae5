namespace PhoneSafe.Gateway.Broker;

/// <summary>
/// The access rule of one kind of locker topic (<c>phonesafe/&lt;school&gt;/&lt;locker&gt;/&lt;kind&gt;</c>).
/// </summary>
/// <param name="Kind">The last topic level (a <see cref="Firmware.Core.Protocol.TopicKind"/> value).</param>
/// <param name="Writer">Who publishes it.</param>
/// <param name="Retained">Whether its writer may publish it retained (the broker keeps the last one for new subscribers).</param>
public sealed record TopicRule(string Kind, TopicWriter Writer, bool Retained);
