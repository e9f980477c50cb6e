# Every default view of the built module at 80 columns (a console's usual width): no line is longer, and the facts
# that decide what an object is (where a cached token lives and when it expires, a check's verdict and its whole
# detail, a token's expiry and scope, an audit event's time, name, outcome, user and message) are on screen rather than cut off.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-HyprModuleManifest) -Force
    $script:emulator = Start-TestEmulator
    $script:tenant = $emulator.BaseUri
    $script:client = New-EmulatorClient $emulator @{}
    $script:other = New-EmulatorClient $emulator @{}

    # The view as an 80-column console shows it; every line must fit.
    function Show-At80($InputObject) {
        $text = $InputObject | Out-String -Width 80
        foreach ($line in ($text -split '\r?\n')) { $line.Length | Should -BeLessOrEqual 80 -Because "'$line' must fit" }
        return $text
    }

    # Wrapped table cells break a text over lines; the words stay whole and in order.
    function Join-Words([string] $Text) { return ($Text -replace '\s+', ' ') }
}

AfterAll {
    foreach ($id in $client.clientId, $other.clientId) { Clear-HyprTokenCache -ClientId $id }
    Stop-HyprEmulator $emulator
}

Describe 'Default views at 80 columns' {
    It 'HyprTokenCacheEntry: a token held in Process and in CurrentUser shows as two rows told apart by Location, each with its expiry' {
        $token = Get-HyprAccessToken -TenantUri $tenant -ClientId $client.clientId -ClientKey $client.clientKey -TokenCache CurrentUser
        $entries = @(Get-HyprTokenCache -ClientId $client.clientId)
        @($entries | ForEach-Object { "$($_.Location)" } | Sort-Object) | Should -Be @('CurrentUser', 'Process')
        $expiry = $token.ExpiresOn.ToString('u')
        $rows = @((Show-At80 $entries) -split '\r?\n' | Where-Object { $_ -match [regex]::Escape($expiry) })
        $rows.Count | Should -Be 2
        $rows[0] | Should -Match '^(Process|CurrentUser)\s'
        $rows[1] | Should -Match '^(Process|CurrentUser)\s'
        $rows[0] | Should -Not -Be $rows[1]
        $rows | ForEach-Object { $_ | Should -Match ([regex]::Escape($client.clientId)) -Because 'the whole client id is shown' }
        Show-At80 $entries | Should -Match ([regex]::Escape("TenantUri: $tenant")) -Because 'the tenant heads the group'
    }

    It 'HyprAssertionCheck: the verdict comes first and the whole detail is shown' {
        $assertion = New-HyprClientAssertion -ClientId $client.clientId -ClientKey $client.clientKey
        $checks = @(Test-HyprClientAssertion -Jwt $assertion -ClientKey $other.clientKey)
        $failed = $checks | Where-Object Outcome -EQ 'Failed'
        $failed.Check | Should -Contain 'Signature'
        $text = Show-At80 $checks
        ($text -split '\r?\n' | Where-Object { $_ -match '\bSignature\b' }) | Should -Match '^Failed\s+Signature'
        Join-Words $text | Should -Match 'signed by another key, or altered'
    }

    It 'HyprAccessToken: expiry, time left and scope' {
        $token = Get-HyprAccessToken -TenantUri $tenant -ClientId $client.clientId -ClientKey $client.clientKey
        $text = Show-At80 $token
        $text | Should -Match ('ExpiresOn\s*:\s*' + [regex]::Escape($token.ExpiresOn.ToString('u')))
        $text | Should -Match 'ExpiresIn\s*:\s*\d\d:\d\d:\d\d'
        Join-Words $text | Should -Match ([regex]::Escape($token.Scope -join ' '))
    }

    It 'HyprClientAssertion: the client, the key id and the expiry' {
        $assertion = New-HyprClientAssertion -ClientId $client.clientId -ClientKey $client.clientKey
        $text = Show-At80 $assertion
        $text | Should -Match ([regex]::Escape($assertion.ClientId))
        $text | Should -Match ([regex]::Escape($assertion.KeyId))
        $text | Should -Match ('ExpiresAt\s*:\s*' + [regex]::Escape($assertion.ExpiresAt.ToString('u')))
    }

    It 'HyprConnection: the tenant, the client and the token expiry' {
        $connection = Connect-Hypr -TenantUri $tenant -ClientId $client.clientId -ClientKey $client.clientKey -PassThru
        $text = Show-At80 $connection
        $text | Should -Match ([regex]::Escape($client.clientId))
        $text | Should -Match ('TokenExpiresOn\s*:\s*' + [regex]::Escape($connection.TokenExpiresOn.ToString('u')))
        Disconnect-Hypr
    }

    It 'HyprAuditEvent: when, what, whether it worked, who, and the message, each readable' {
        Connect-Hypr -TenantUri $tenant -ClientId $client.clientId -ClientKey $client.clientKey
        $null = Invoke-EmulatorControl -Emulator $emulator -Route 'audit/events' -Body @{ count = 4 }
        $events = @(Get-HyprAuditEvent -RpAppId HYPRDefaultApplication -Since ([DateTimeOffset]::UtcNow.AddHours(-1)))
        Disconnect-Hypr
        $events.Count | Should -BeGreaterOrEqual 4
        $lines = (Show-At80 $events) -split '\r?\n'
        @($lines -match '^EventTime \(UTC\)\s+Name\s+OK\s+FidoUser\s+Message$').Count | Should -Be 1 -Because 'every header is whole'
        foreach ($event in $events) {
            $message = $event.Message.Substring(0, [Math]::Min(15, $event.Message.Length))
            $row = '^' + [regex]::Escape($event.EventTime.UtcDateTime.ToString('yyyy-MM-dd HH:mm')) + '\s+' + [regex]::Escape($event.Name) +
                '\s+' + $event.IsSuccessful + '\s+' + [regex]::Escape($event.FidoUser) + '\s+' + [regex]::Escape($message)
            @($lines -match $row).Count | Should -BeGreaterOrEqual 1 -Because "the row of event $($event.Id) shows its facts whole"
        }
    }

    It 'HyprApplication: the whole AppId and display name' {
        Connect-Hypr -TenantUri $tenant -ClientId $client.clientId -ClientKey $client.clientKey
        $applications = @(Get-HyprApplication)
        Disconnect-Hypr
        $lines = (Show-At80 $applications) -split '\r?\n'
        @($lines -match '^AppId\s+DisplayName$').Count | Should -Be 1 -Because 'every header is whole'
        foreach ($application in $applications) {
            $row = '^' + [regex]::Escape($application.AppId) + '\s+' + [regex]::Escape($application.displayName) + '$'
            @($lines -match $row).Count | Should -Be 1 -Because "$($application.AppId) is shown whole"
        }
    }
}
