/* empty.c - the empty C program whose start-up time the benchmark compares
 * a 5,000-user report against. */
int
main(void)
{
	return 0;
}
