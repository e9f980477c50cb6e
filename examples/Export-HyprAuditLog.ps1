<#
.SYNOPSIS
    Appends HYPR's new audit events to a JSON-lines file, for a SIEM; run it every few minutes as a scheduled task.

.DESCRIPTION
    Each run exports only the events the previous runs did not: a checkpoint file next to the log remembers, per tenant
    and application, where the export stopped. Every line is one event exactly as HYPR sent it. A run that fails or is
    stopped loses nothing; the next run repeats at most one page of events, so a consumer that must never see a
    duplicate should drop lines whose "id" it has seen.

    The log holds audit data: a new log is created readable and writable by the task's account only (mode 0600) on
    Linux and macOS. On Windows it takes the ACL of its folder: put it in a folder only that account (and the
    administrators) may read. An existing log keeps its permissions.

    Without -RpAppId, every application the tenant lists is exported. One this client may not read (most clients may
    not read HYPRDefaultApplication) is reported as an error naming it, the others are exported all the same, and the
    script then exits with code 1 so the task shows the failure: pass -RpAppId with the client's applications.

    Credentials: -KeyPath with -TenantUri and -ClientId, or the environment (HYPR_TENANT_URI, HYPR_CLIENT_ID and
    HYPR_CLIENT_KEY or HYPR_CLIENT_KEY_PATH), as Connect-Hypr -EnvironmentVariable reads it. The token is kept for the
    task's account (-TokenCache CurrentUser), so runs every few minutes reuse one token instead of hitting HYPR's
    limit on active tokens.

.EXAMPLE
    pwsh -NoProfile -NonInteractive -File Export-HyprAuditLog.ps1 -LogPath C:\HyprAudit\audit.jsonl -TenantUri https://highlandsbank.hypr.com -ClientId hypap-0a2c1e47c4b9dummy -KeyPath C:\HyprAuth\hypr-client.key
#>
[CmdletBinding()]
param(
    # The JSON-lines file the events are appended to (created if missing).
    [Parameter(Mandatory)] [string] $LogPath,
    # The checkpoint; by default next to the log, with the extension .checkpoint.
    [string] $CheckpointPath = [System.IO.Path]::ChangeExtension($LogPath, '.checkpoint'),
    # How far back the very first run starts.
    [TimeSpan] $FirstRunWindow = [TimeSpan]::FromDays(1),
    # Only these applications; by default every application of the tenant.
    [string[]] $RpAppId,
    [string] $TenantUri,
    [string] $ClientId,
    [string] $KeyPath,
    # A string, not [HyprAuth.HyprTokenCacheLocation]: that type exists only once the module is imported, below, and a
    # scheduled task starts in a fresh PowerShell that has not imported it yet.
    [ValidateSet('Process', 'CurrentUser')] [string] $TokenCache = 'CurrentUser'
)
$ErrorActionPreference = 'Stop'
$LogPath = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($LogPath)
if (-not (Get-Module HyprAuth)) { Import-Module HyprAuth }

if ($KeyPath) {
    Connect-Hypr -TenantUri $TenantUri -ClientId $ClientId -KeyPath $KeyPath -TokenCache $TokenCache
}
else {
    Connect-Hypr -EnvironmentVariable -TokenCache $TokenCache
}

$export = @{ Checkpoint = $CheckpointPath; Since = [DateTimeOffset]::UtcNow - $FirstRunWindow }
if ($RpAppId) { $export.RpAppId = $RpAppId }

# Each line is flushed before the next event is read: Get-HyprAuditEvent moves the checkpoint only after a whole page
# has gone down the pipeline, so the file always holds at least what the checkpoint says was exported.
if ($PSVersionTable.PSEdition -eq 'Core' -and -not $IsWindows) {
    # Created owner-only from the start (never readable by others, not even for a moment); an existing log is appended to.
    $log = [System.IO.FileStream]::new($LogPath, [System.IO.FileStreamOptions]@{ Mode = 'Append'; Access = 'Write'; Share = 'Read'
            UnixCreateMode = 'UserRead, UserWrite' })
}
else {
    $log = [System.IO.FileStream]::new($LogPath, 'Append', 'Write', 'Read')
}
$writer = [System.IO.StreamWriter]::new($log, [System.Text.UTF8Encoding]::new($false))
$count = 0
try {
    # An application this client may not read is a non-terminating error: the others are exported, then the exit code says so.
    Get-HyprAuditEvent @export -ErrorAction Continue -ErrorVariable failed | ForEach-Object {
        $writer.WriteLine($_.ToJson())
        $writer.Flush()
        $count++
    }
}
finally {
    $writer.Dispose()
}

[pscustomobject]@{ Exported = $count; Failed = @($failed.TargetObject); LogPath = $LogPath; CheckpointPath = $CheckpointPath }
if ($failed) { exit 1 }
