//! Routing header: VZCZC, precedence and routing-indicator lines, DE, ZNY/ZNR, the
//! date-time group line, FM/TO/INFO addressee lists, INFO LOG distribution, PAGE, NNNN.
