<?xml version="1.0" encoding="UTF-8"?>
<!-- The awarded contract of a tender notice as a canonical CONTRACT_REGISTERED message (JSON text). -->
<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:map="http://www.w3.org/2005/xpath-functions/map">
  <xsl:output method="text" encoding="UTF-8"/>
  <xsl:template match="/notice">
    <xsl:variable name="m" select="map {
      'sourceMessageId': 'notice-' || @number,
      'type': 'CONTRACT_REGISTERED',
      'subject': string(contract/@number),
      'occurredAt': string(@published),
      'terms': map {
        'sender': string(customer/@account),
        'recipient': string(supplier/@account),
        'maxTransfer': translate(string(contract/@sum), '.', ''),
        'maxCashOut': translate(string(contract/@cashOut), '.', ''),
        'validFrom': string(contract/@from),
        'validTo': string(contract/@to)
      }
    }"/>
    <xsl:value-of select="serialize($m, map { 'method': 'json' })"/>
  </xsl:template>
</xsl:stylesheet>
