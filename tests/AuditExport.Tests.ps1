# Get-HyprApplication, Get-HyprAuditEvent (with checkpoints) and Invoke-HyprApi's page-number paging on the built
# module, against the emulator's audit trail. Each Describe appends events to applications of its own, so what one
# exports is that Describe's alone; the emulator's request counters are the evidence of what was sent.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-HyprModuleManifest) -Force
    $script:emulator = Start-TestEmulator
    $script:tenant = $emulator.BaseUri
    $script:command = 'HyprAuth.Commands.GetHyprAuditEventCommand'
    $script:searchRoute = 'GET /cc/api/versioned/audit/search'
    $script:searchPath = '/cc/api/versioned/audit/search'
    $script:apps = 'BigOne', 'BigTwo', 'BigThree', 'Ckpt', 'FaultApp', 'FirstTen', 'Throttled', 'Paged', 'Quiet', 'Partial'
    $script:client = New-EmulatorClient $emulator @{ rpAppIds = $apps }
    Connect-Hypr -TenantUri $tenant -ClientId $client.clientId -ClientKey $client.clientKey

    function Add-AuditEvents([string[]] $RpAppIds, [int] $Count, [long] $FromMs = 0, [long] $ToMs = 0, [int] $PerMillisecond = 3) {
        $body = @{ rpAppIds = $RpAppIds; count = $Count; perMillisecond = $PerMillisecond }
        if ($FromMs) { $body.fromMs = $FromMs; $body.toMs = $ToMs }
        Invoke-EmulatorControl -Emulator $emulator -Route 'audit/events' -Body $body
    }

    function Get-NowMs { [DateTimeOffset]::UtcNow.ToUnixTimeMilliseconds() }

    # Events of one application are in (EventTime, Id) order: ids are numbers beyond 2^53, compared as such.
    function Test-InOrder($Events) {
        for ($i = 1; $i -lt $Events.Count; $i++) {
            $previous = $Events[$i - 1]; $current = $Events[$i]
            if ($current.EventTime -lt $previous.EventTime) { return $false }
            if ($current.EventTime -eq $previous.EventTime -and [bigint]::Parse($current.Id) -le [bigint]::Parse($previous.Id)) { return $false }
        }
        return $true
    }
}

AfterAll {
    Disconnect-Hypr
    Stop-HyprEmulator $emulator
}

Describe 'Get-HyprApplication' {
    It 'ends with an error try/catch sees when the client lacks hypr:cc:applications' {
        $ErrorActionPreference = 'Continue' # the runner's Stop would make any error terminating
        $reporter = New-EmulatorClient $emulator @{ scopes = @('hypr:rp:report') }
        $withoutScope = Connect-Hypr -TenantUri $tenant -ClientId $reporter.clientId -ClientKey $reporter.clientKey -PassThru
        Connect-Hypr -TenantUri $tenant -ClientId $client.clientId -ClientKey $client.clientKey
        $failure = $null
        try { $null = Get-HyprApplication -Connection $withoutScope; 'not caught' } catch { $failure = $_ }
        $failure.FullyQualifiedErrorId | Should -BeExactly 'HyprInsufficientScope,HyprAuth.Commands.GetHyprApplicationCommand'
    }

    It 'lists the tenant''s applications as HyprApplication objects, keeping the members it does not type' {
        $applications = @(Get-HyprApplication)
        $applications[0] | Should -BeOfType ([HyprAuth.HyprApplication])
        $applications.AppId | Should -Contain 'HYPRDefaultApplication'
        ($applications | Where-Object AppId -EQ 'HYPRDefaultApplication').displayName | Should -BeExactly 'HYPR DefaultApplication'
        ($applications | Where-Object AppId -EQ 'HYPRDefaultApplication').enabled | Should -BeTrue
    }
}

Describe 'Get-HyprAuditEvent: 5,000 events over 3 applications' {
    BeforeAll {
        $null = Add-AuditEvents -RpAppIds 'BigOne', 'BigTwo', 'BigThree' -Count 5000 -PerMillisecond 4
        $script:exported = @(Get-HyprAuditEvent -RpAppId 'BigOne', 'BigTwo', 'BigThree' -PageSize 250)
    }

    It 'exports each event once' {
        $exported.Count | Should -Be 5000
        @($exported.Id | Sort-Object -Unique).Count | Should -Be 5000
        @($exported | Where-Object RpAppId -EQ 'BigOne').Count | Should -Be 1667
        @($exported | Where-Object RpAppId -EQ 'BigThree').Count | Should -Be 1666
    }

    It 'exports application by application, each in event-time order' {
        @($exported.RpAppId | Select-Object -Unique) | Should -Be @('BigOne', 'BigTwo', 'BigThree')
        foreach ($app in 'BigOne', 'BigTwo', 'BigThree') {
            Test-InOrder @($exported | Where-Object RpAppId -EQ $app) | Should -BeTrue -Because "$app's events are in order"
        }
    }

    It 'gives typed events: UTC times, ids as text beyond 2^53, the members it does not type kept' {
        $first = $exported[0]
        $first | Should -BeOfType ([HyprAuth.HyprAuditEvent])
        $first.EventTime | Should -BeOfType ([DateTimeOffset])
        $first.EventTime.Offset | Should -Be ([TimeSpan]::Zero)
        $first.LoggedTime | Should -BeOfType ([DateTimeOffset])
        $first.Id | Should -BeOfType ([string])
        [bigint]::Parse($first.Id) | Should -BeGreaterThan ([bigint]::Pow(2, 53))
        $first.Type | Should -BeExactly 'AUDIT'
        $first.Name | Should -Not -BeNullOrEmpty
        $first.AdditionalDetails.userDetails.userName | Should -BeLike 'user*@example.com'
        $first.eventLoggedBy | Should -BeExactly 'HYPR Server'
        ($first.ToJson() | ConvertFrom-Json).id | Should -BeExactly $first.Id
    }

    It 'asks for one page at a time: one request per page' {
        # 1667 events in pages of 250 is 7 pages; the counter holds every search this file made so far.
        (Get-EmulatorCount $emulator requests $searchRoute) | Should -Be 21
    }
}

Describe 'Get-HyprAuditEvent -Checkpoint' {
    BeforeAll {
        $script:checkpoint = Join-Path $TestDrive 'audit.checkpoint'
    }

    It 'exports exactly the new events on the second run, also those in the last exported millisecond' {
        $null = Add-AuditEvents -RpAppIds 'Ckpt' -Count 300 -PerMillisecond 5
        $first = @(Get-HyprAuditEvent -RpAppId 'Ckpt' -Checkpoint $checkpoint -PageSize 40)
        $lastMs = ($first | Measure-Object -Property { $_.EventTime.ToUnixTimeMilliseconds() } -Maximum).Maximum
        $null = Add-AuditEvents -RpAppIds 'Ckpt' -Count 4 -FromMs $lastMs -ToMs $lastMs
        $now = Get-NowMs
        $null = Add-AuditEvents -RpAppIds 'Ckpt' -Count 20 -FromMs ($now - 95000) -ToMs ($now - 75000)

        $second = @(Get-HyprAuditEvent -RpAppId 'Ckpt' -Checkpoint $checkpoint -PageSize 40)

        $first.Count | Should -Be 300
        $second.Count | Should -Be 24
        @($second | Where-Object { $_.EventTime.ToUnixTimeMilliseconds() -eq $lastMs }).Count | Should -Be 4
        @($first.Id + $second.Id | Sort-Object -Unique).Count | Should -Be 324
    }

    It 'says in verbose that -Since does not apply to an application the checkpoint knows' {
        $lines = Get-HyprAuditEvent -RpAppId 'Ckpt' -Checkpoint $checkpoint -Since ([DateTimeOffset]::UtcNow.AddDays(-1)) -Verbose 4>&1 |
            Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message
        @($lines | Where-Object { $_ -like 'Ckpt: the checkpoint resumes at *; -Since does not apply to it.' }).Count | Should -Be 1
    }

    It 'reports a damaged checkpoint as CheckpointDamaged, leaves it as it is, and exports nothing' {
        $damaged = Join-Path $TestDrive 'damaged.checkpoint'
        Set-Content -LiteralPath $damaged -Value '{"version":1,"tenants":' -NoNewline
        $before = Get-EmulatorCount $emulator requests $searchRoute
        $events = $failure = $null
        try { $events = Get-HyprAuditEvent -RpAppId 'Ckpt' -Checkpoint $damaged } catch { $failure = $_ }
        $events | Should -BeNullOrEmpty
        $failure.FullyQualifiedErrorId | Should -BeExactly "CheckpointDamaged,$command"
        $failure.Exception.Message | Should -BeLike '*is damaged*'
        Get-Content -LiteralPath $damaged -Raw | Should -BeExactly '{"version":1,"tenants":'
        (Get-EmulatorCount $emulator requests $searchRoute) | Should -Be $before
    }

    It 'writes the checkpoint owner-only' -Skip:$IsWindows {
        (Get-Item -LiteralPath $checkpoint).UnixMode | Should -BeExactly '-rw-------'
    }
}

Describe 'Get-HyprAuditEvent after a failure or an early stop' {
    BeforeAll {
        $null = Add-AuditEvents -RpAppIds 'FaultApp' -Count 200
        $null = Add-AuditEvents -RpAppIds 'FirstTen' -Count 200
        $script:all = @{
            FaultApp = @(Get-HyprAuditEvent -RpAppId 'FaultApp' -PageSize 200).Id
            FirstTen = @(Get-HyprAuditEvent -RpAppId 'FirstTen' -PageSize 200).Id
        }
    }

    It 'fails on a fault on page 3 without retries, saying how far it got; the rerun completes with at most one page repeated' {
        $ErrorActionPreference = 'Continue' # the runner's Stop would make any error terminating
        $checkpoint = Join-Path $TestDrive 'fault.checkpoint'
        Add-EmulatorFault $emulator @{ route = $searchPath; query = 'pageNumber=3&rpAppId=FaultApp'; kind = 'status'; status = 503 }
        $first = [System.Collections.Generic.List[object]]::new()
        $failure = $null
        try { Get-HyprAuditEvent -RpAppId 'FaultApp' -Checkpoint $checkpoint -PageSize 25 -MaximumRetryCount 0 | ForEach-Object { $first.Add($_) } }
        catch { $failure = $_ }
        $failure | Should -Not -BeNullOrEmpty -Because 'a failed export is a terminating error, which try/catch sees'
        $failure.FullyQualifiedErrorId | Should -BeExactly "HyprRequestFailed,$command"
        $failure.ErrorDetails.Message |
            Should -BeLike '*The export got to application 1 of 1: events of FaultApp up to *The checkpoint holds that point*'
        $first.Count | Should -Be 50

        $rerun = @(Get-HyprAuditEvent -RpAppId 'FaultApp' -Checkpoint $checkpoint -PageSize 25)
        @($first.Id + $rerun.Id | Sort-Object -Unique) | Should -Be @($all.FaultApp | Sort-Object)
        ($first.Count + $rerun.Count - $all.FaultApp.Count) | Should -BeLessOrEqual 25
    }

    It 'loses nothing after Select-Object -First 10, and the next run repeats at most one page' {
        $checkpoint = Join-Path $TestDrive 'first-ten.checkpoint'
        $first = @(Get-HyprAuditEvent -RpAppId 'FirstTen' -Checkpoint $checkpoint -PageSize 25 | Select-Object -First 10)
        $rerun = @(Get-HyprAuditEvent -RpAppId 'FirstTen' -Checkpoint $checkpoint -PageSize 25)
        $first.Count | Should -Be 10
        @($first.Id + $rerun.Id | Sort-Object -Unique) | Should -Be @($all.FirstTen | Sort-Object)
        ($first.Count + $rerun.Count - $all.FirstTen.Count) | Should -BeLessOrEqual 25
    }
}

Describe 'Get-HyprAuditEvent when HYPR throttles (429, 1202500)' {
    It 'waits for Retry-After and completes the export' {
        $null = Add-AuditEvents -RpAppIds 'Throttled' -Count 120
        $faultsBefore = (Get-EmulatorCounters $emulator).faultsServed
        Add-EmulatorFault $emulator @{ route = $searchPath; query = 'rpAppId=Throttled&pageNumber=2'; kind = 'status'; status = 429; retryAfter = '1'
            body = '{"errorCode":1202500,"errorMessage":"Too many requests"}' }
        $events = @(Get-HyprAuditEvent -RpAppId 'Throttled' -PageSize 50 -ErrorVariable failure 3>$null)
        $failure | Should -BeNullOrEmpty
        $events.Count | Should -Be 120
        @($events.Id | Sort-Object -Unique).Count | Should -Be 120
        (Get-EmulatorCounters $emulator).faultsServed | Should -Be ($faultsBefore + 1) -Because 'page 2 was answered 429 once'
    }
}

Describe 'Get-HyprAuditEvent parameters' {
    It 'takes -SettleTime as seconds when given a number' {
        $verbose = Get-HyprAuditEvent -RpAppId 'Quiet' -SettleTime 30 -Verbose 4>&1 |
            Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        $verbose[0].Message | Should -BeLike '*(now minus 30 s settle time)*'
    }

    It 'refuses an rpAppId the token is not for (HyprInsufficientScope), an error try/catch sees' {
        $ErrorActionPreference = 'Continue' # the runner's Stop would make any error terminating
        $failure = $null
        try { $null = Get-HyprAuditEvent -RpAppId 'NotMine'; 'not caught' } catch { $failure = $_ }
        $failure.FullyQualifiedErrorId | Should -BeExactly "HyprInsufficientScope,$command"
    }

    It 'exports the other applications when one is refused, then throws naming the refused one' {
        $ErrorActionPreference = 'Continue' # the runner's Stop would make any error terminating
        $null = Add-AuditEvents -RpAppIds 'Partial' -Count 30
        $checkpoint = Join-Path $TestDrive 'refused.checkpoint'
        $exported = [System.Collections.Generic.List[object]]::new()
        $failure = $null
        try { Get-HyprAuditEvent -RpAppId 'NotMine', 'Partial', 'AlsoNotMine' -Checkpoint $checkpoint | ForEach-Object { $exported.Add($_) } }
        catch { $failure = $_ }

        $failure.FullyQualifiedErrorId | Should -BeExactly "HyprInsufficientScope,$command"
        $failure.ErrorDetails.Message | Should -BeLike '*Refused application(s): NotMine, AlsoNotMine; the other applications were exported*'
        @($exported | Where-Object RpAppId -EQ 'Partial').Count | Should -Be 30
        @(Get-HyprAuditEvent -RpAppId 'Partial' -Checkpoint $checkpoint) | Should -BeNullOrEmpty -Because 'Partial''s checkpoint moved on'
    }

    It 'refuses a -Since that is not before the window''s end' {
        { Get-HyprAuditEvent -RpAppId 'Quiet' -Since ([DateTimeOffset]::UtcNow) } | Should -Throw -ErrorId "InvalidSince,$command"
    }
}

Describe 'Invoke-HyprApi -All with HYPR''s page numbers' {
    BeforeAll {
        $script:added = Add-AuditEvents -RpAppIds 'Paged' -Count 230
        $script:query = @{ rpAppId = 'Paged'; startTSUTC = $added.firstEventTime; endTSUTC = $added.lastEventTime; pageSize = 50 }
    }

    It 'returns every event across the pages, one request per page' {
        $before = Get-EmulatorCount $emulator requests $searchRoute
        $events = @(Invoke-HyprApi -Path $searchPath -Query $query -All)
        $events.Count | Should -Be 230
        @($events.id | Sort-Object -Unique).Count | Should -Be 230
        (Get-EmulatorCount $emulator requests $searchRoute) - $before | Should -Be 5
    }

    It 'follows page numbers with -Paging PageNumber too' {
        $events = @(Invoke-HyprApi -Path $searchPath -Query $query -All -Paging PageNumber)
        $events.Count | Should -Be 230
    }

    It 'with -Paging Token, reads only the first page (the answer has no page token)' {
        @(Invoke-HyprApi -Path $searchPath -Query $query -All -Paging Token).Count | Should -Be 50
    }

    It 'refuses -Paging without -All' {
        { Invoke-HyprApi -Path $searchPath -Query $query -Paging PageNumber } |
            Should -Throw -ErrorId 'InvalidPaging,HyprAuth.Commands.InvokeHyprApiCommand'
    }
}
