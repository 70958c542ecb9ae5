namespace PhoneSafe.Gateway.Broker;

/// <summary>
/// Who publishes a kind of locker topic; the other side only reads it.
/// </summary>
public enum TopicWriter
{
    /// <summary>The locker publishes on its own topic; the gateway reads every locker's.</summary>
    Locker,

    /// <summary>The gateway publishes on any locker's topic; each locker reads only its own.</summary>
    Gateway,
}
